package dev.wfm.local.template;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation intrinsics the template uses in function environments to the
 * values they take in the local cloud: tables are named after their logical ids (buckets too, in
 * lower case), a stage is its name, functions get
 * Lambda ARNs the local Step Functions service invokes in-process, parameters take their
 * overrides, else their defaults; {@code Fn::If} takes the branch its condition ({@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or} over those values) chooses.
 */
public final class Intrinsics {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    public static final String STACK_NAME = "wfm-local";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Object> resources;
    private final Map<String, Object> parameters;
    private final Map<String, String> parameterOverrides;
    private final Map<String, Object> conditions;

    Intrinsics(Map<String, Object> resources, Map<String, Object> parameters, Map<String, String> parameterOverrides,
               Map<String, Object> conditions) {
        this.resources = resources;
        this.parameters = parameters;
        this.parameterOverrides = parameterOverrides;
        this.conditions = conditions;
    }

    public static String functionArn(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName;
    }

    /** The function name in a Lambda ARN (qualifier dropped), or the argument when it is a plain name. */
    public static String functionName(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String[] parts = nameOrArn.split(":");
        return parts.length >= 7 ? parts[6] : nameOrArn;
    }

    public String resolve(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            var entry = map.entrySet().iterator().next();
            String function = String.valueOf(entry.getKey());
            Object argument = entry.getValue();
            return switch (function) {
                case "Ref" -> ref(String.valueOf(argument));
                case "Fn::GetAtt" -> {
                    List<Object> parts = SamTemplate.list(argument);
                    yield getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                }
                case "Fn::Sub" -> sub(String.valueOf(argument instanceof List<?> l ? l.get(0) : argument));
                case "Fn::Join" -> join(SamTemplate.list(argument));
                case "Fn::If" -> {
                    List<Object> branches = SamTemplate.list(argument);
                    yield resolve(condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
                }
                default -> throw new IllegalArgumentException("The local cloud does not resolve " + function);
            };
        }
        return String.valueOf(value);
    }

    /** Whether the template's condition of that name holds. */
    boolean condition(String name) {
        if (!conditions.containsKey(name)) {
            throw new IllegalArgumentException("No condition " + name + " in the template's Conditions");
        }
        return holds(conditions.get(name));
    }

    private boolean holds(Object expression) {
        Map<String, Object> map = SamTemplate.cast(expression);
        if (map.containsKey("Condition")) {
            return condition(String.valueOf(map.get("Condition")));
        }
        var entry = map.entrySet().iterator().next();
        List<Object> arguments = SamTemplate.list(entry.getValue());
        return switch (entry.getKey()) {
            case "Fn::Equals" -> resolve(arguments.get(0)).equals(resolve(arguments.get(1)));
            case "Fn::Not" -> !holds(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::holds);
            case "Fn::Or" -> arguments.stream().anyMatch(this::holds);
            default -> throw new IllegalArgumentException("The local cloud does not evaluate the condition function " + entry.getKey());
        };
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::StackName": return STACK_NAME;
            case "AWS::Region": return REGION;
            case "AWS::AccountId": return ACCOUNT;
            case "AWS::URLSuffix": return "amazonaws.com";
            default: break;
        }
        if (name.endsWith(".Alias")) {
            String function = name.substring(0, name.length() - ".Alias".length());
            return functionArn(function) + ":live";
        }
        if (parameters.containsKey(name) && parameterOverrides.containsKey(name)) {
            return parameterOverrides.get(name);
        }
        if (parameters.containsKey(name)) {
            Object defaultValue = SamTemplate.cast(parameters.get(name)).get("Default");
            return defaultValue == null ? "local" : String.valueOf(defaultValue);
        }
        if (isBucket(name)) {
            return bucketName(name);
        }
        if ("AWS::ApiGatewayV2::Stage".equals(type(name))) {
            return String.valueOf(SamTemplate.cast(SamTemplate.cast(resources.get(name)).get("Properties")).get("StageName"));
        }
        return name; // tables, functions and roles are named after their logical ids locally
    }

    /** Bucket names are lower case in S3, so a bucket is named after its logical id, lower-cased. */
    public static String bucketName(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT);
    }

    private boolean isBucket(String logicalId) {
        return "AWS::S3::Bucket".equals(type(logicalId));
    }

    private String type(String logicalId) {
        return String.valueOf(SamTemplate.cast(resources.get(logicalId)).get("Type"));
    }

    private String getAtt(String logicalId, String attribute) {
        Map<String, Object> resource = SamTemplate.cast(resources.get(logicalId));
        String type = String.valueOf(resource.get("Type"));
        if (!"Arn".equals(attribute)) {
            return logicalId;
        }
        return switch (type) {
            case "AWS::Serverless::Function" -> functionArn(logicalId);
            case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + logicalId;
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + logicalId;
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + bucketName(logicalId);
            case "AWS::SQS::Queue" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + logicalId;
            default -> "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + logicalId;
        };
    }

    /** {@code [delimiter, [values]]}; a list parameter's {@code Ref} stands for its values already joined by commas. */
    private String join(List<Object> arguments) {
        String delimiter = String.valueOf(arguments.get(0));
        Object values = arguments.get(1);
        if (values instanceof List<?> list) {
            return String.join(delimiter, list.stream().map(this::resolve).toList());
        }
        return resolve(values);
    }

    private String sub(String template) {
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            int dot = variable.indexOf('.');
            String value = dot > 0 && !variable.startsWith("AWS::")
                    ? getAtt(variable.substring(0, dot), variable.substring(dot + 1))
                    : ref(variable);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
