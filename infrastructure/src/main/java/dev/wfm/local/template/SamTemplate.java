package dev.wfm.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What the local cloud needs of template.yaml: functions (handler, environment, HTTP routes,
 * schedules), DynamoDB tables, buckets and the HTTP API's CORS configuration. CloudFormation's short tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}) are read into their long forms and resolved by {@link Intrinsics}.
 */
public record SamTemplate(List<FunctionSpec> functions, List<TableSpec> tables, List<String> buckets, HttpApiCors cors,
                          Map<String, Object> resources) {

    public static SamTemplate load(Path file) throws IOException {
        return load(file, Map.of());
    }

    /** With parameter values in place of their defaults, as {@code sam deploy --parameter-overrides} gives them. */
    public static SamTemplate load(Path file, Map<String, String> parameterOverrides) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new CloudFormationConstructor()).load(reader);
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " is not a YAML mapping");
            }
            return parse(cast(map), parameterOverrides);
        }
    }

    /** Finds template.yaml from the working directory upwards, so the jar runs from any module folder. */
    public static Path locate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No template.yaml in " + start.toAbsolutePath() + " or above; run from the project folder or pass --template");
    }

    private static SamTemplate parse(Map<String, Object> root, Map<String, String> parameterOverrides) {
        Map<String, Object> resources = cast(root.getOrDefault("Resources", Map.of()));
        Map<String, Object> globals = cast(cast(root.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
        Intrinsics intrinsics = new Intrinsics(resources, cast(root.getOrDefault("Parameters", Map.of())), parameterOverrides,
                cast(root.getOrDefault("Conditions", Map.of())));
        List<FunctionSpec> functions = new ArrayList<>();
        List<TableSpec> tables = new ArrayList<>();
        List<String> buckets = new ArrayList<>();
        resources.forEach((logicalId, value) -> {
            Map<String, Object> resource = cast(value);
            Map<String, Object> properties = cast(resource.getOrDefault("Properties", Map.of()));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Serverless::Function" -> functions.add(FunctionSpec.parse(logicalId, properties, globals, intrinsics));
                case "AWS::DynamoDB::Table" -> tables.add(TableSpec.parse(logicalId, properties));
                case "AWS::S3::Bucket" -> buckets.add(Intrinsics.bucketName(logicalId));
                default -> { }
            }
        });
        HttpApiCors cors = resources.values().stream().map(SamTemplate::cast)
                .filter(resource -> "AWS::Serverless::HttpApi".equals(resource.get("Type"))).findFirst()
                .map(api -> HttpApiCors.parse(cast(api.get("Properties")).get("CorsConfiguration"), intrinsics))
                .orElse(HttpApiCors.NONE);
        return new SamTemplate(List.copyOf(functions), List.copyOf(tables), List.copyOf(buckets), cors, resources);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    /** Reads {@code !Ref X} as {@code {Ref: X}} and {@code !Name args} as {@code {Fn::Name: args}}. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String key = tag.equals("Ref") ? "Ref" : "Fn::" + tag;
                    Object argument;
                    if (node instanceof ScalarNode scalar) {
                        argument = tag.equals("GetAtt") ? List.of(scalar.getValue().split("\\.", 2)) : scalar.getValue();
                    } else if (node instanceof SequenceNode sequence) {
                        argument = constructSequence(sequence);
                    } else {
                        argument = constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                    }
                    Map<String, Object> intrinsic = new LinkedHashMap<>();
                    intrinsic.put(key, argument);
                    return intrinsic;
                }
            });
        }
    }
}
