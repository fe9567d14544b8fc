package dev.wfm.local.stepfunctions.definition;

import static dev.wfm.local.stepfunctions.definition.State.TaskResource.LAMBDA_INVOKE_ARN;
import static dev.wfm.local.stepfunctions.definition.State.TaskResource.LAMBDA_INVOKE_WAIT_ARN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.stepfunctions.definition.State.Catcher;
import dev.wfm.local.stepfunctions.definition.State.ChoiceRule;
import dev.wfm.local.stepfunctions.definition.State.Retrier;
import dev.wfm.local.stepfunctions.definition.State.TaskResource.Kind;
import dev.wfm.local.stepfunctions.definition.State.TaskResource;
import dev.wfm.local.stepfunctions.definition.Template.Literal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles an Amazon States Language definition in JSONata mode into the model, parsing every
 * expression once. Reports every problem found, with AWS's diagnostic codes where AWS has one.
 */
public final class DefinitionParser {

    static final String INVALID_JSON = "INVALID_JSON_DESCRIPTION";
    static final String SCHEMA = "SCHEMA_VALIDATION_FAILED";
    static final String MISSING_TARGET = "MISSING_TRANSITION_TARGET";
    static final String UNREACHABLE = "UNREACHABLE_STATE";
    static final String DUPLICATE_NAME = "DUPLICATE_STATE_NAME";
    static final String INVALID_EXPRESSION = "INVALID_JSONATA";
    static final String UNSUPPORTED = "UNSUPPORTED_FEATURE";

    private static final String JSONATA = "JSONata";
    private static final String JSONPATH = "JSONPath";
    private static final int MAX_STATE_NAME_LENGTH = 80;
    private static final Set<String> ROOT_FIELDS = Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds",
            "QueryLanguage");
    private static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "QueryLanguage");
    private static final Map<String, Set<String>> STATE_FIELDS = Map.of(
            "Task", Set.of("Next", "End", "Resource", "Arguments", "Output", "Assign", "TimeoutSeconds", "HeartbeatSeconds",
                    "Retry", "Catch", "Credentials"),
            "Pass", Set.of("Next", "End", "Output", "Assign"),
            "Choice", Set.of("Choices", "Default", "Output", "Assign"),
            "Wait", Set.of("Next", "End", "Seconds", "Timestamp", "Output", "Assign"),
            "Succeed", Set.of("Output"),
            "Fail", Set.of("Error", "Cause"),
            "Parallel", Set.of("Next", "End", "Branches", "Arguments", "Output", "Assign", "Retry", "Catch"),
            "Map", Set.of("Next", "End", "ItemProcessor", "Iterator", "Items", "ItemSelector", "MaxConcurrency", "Output",
                    "Assign", "Retry", "Catch", "Label"));
    private static final Set<String> JSONPATH_FIELDS = Set.of("InputPath", "OutputPath", "Parameters", "ResultPath",
            "ResultSelector", "Result", "ItemsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "Variable", "And", "Or", "Not");
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment");
    private static final Set<String> RULE_FIELDS = Set.of("Condition", "Next", "Output", "Assign", "Comment");
    private static final Pattern LAMBDA_FUNCTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> stateNames = new HashSet<>();
    private String rootLanguage = JSONPATH;

    private DefinitionParser() {}

    public static StateMachineDefinition compile(String definition) throws InvalidDefinitionException {
        DefinitionParser parser = new DefinitionParser();
        StateMachineDefinition compiled = parser.document(definition);
        if (!parser.diagnostics.isEmpty()) {
            throw new InvalidDefinitionException(parser.diagnostics);
        }
        return compiled;
    }

    public static List<Diagnostic> validate(String definition) {
        DefinitionParser parser = new DefinitionParser();
        parser.document(definition);
        return parser.diagnostics;
    }

    private StateMachineDefinition document(String definition) {
        JsonNode root;
        try {
            root = JsonValues.MAPPER.readTree(definition);
        } catch (JsonProcessingException e) {
            error(INVALID_JSON, "The definition is not valid JSON: " + e.getOriginalMessage(), null);
            return null;
        }
        if (root == null || !root.isObject()) {
            error(INVALID_JSON, "The definition must be a JSON object", null);
            return null;
        }
        JsonNode language = root.get("QueryLanguage");
        if (language != null) {
            if (!language.isTextual() || !Set.of(JSONATA, JSONPATH).contains(language.textValue())) {
                error(SCHEMA, "QueryLanguage must be \"JSONata\" or \"JSONPath\"", "/QueryLanguage");
            } else {
                rootLanguage = language.textValue();
            }
        }
        unknownFields(root, ROOT_FIELDS, "", "the top level");
        Integer timeoutSeconds = null;
        JsonNode timeout = root.get("TimeoutSeconds");
        if (timeout != null) {
            if (timeout.canConvertToInt() && timeout.isIntegralNumber() && timeout.intValue() > 0) {
                timeoutSeconds = timeout.intValue();
            } else {
                error(SCHEMA, "TimeoutSeconds must be a positive integer", "/TimeoutSeconds");
            }
        }
        StateGraph graph = graph(root, "");
        return new StateMachineDefinition(graph, timeoutSeconds);
    }

    private StateGraph graph(JsonNode node, String location) {
        String startAt = requiredText(node, "StartAt", location);
        JsonNode states = node.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            error(SCHEMA, "\"States\" must be a non-empty object", location + "/States");
            return null;
        }
        Map<String, State> compiled = new LinkedHashMap<>();
        int errorsBefore = diagnostics.size();
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            State state = state(entry.getKey(), entry.getValue(), location + "/States/" + entry.getKey());
            if (state != null) {
                compiled.put(entry.getKey(), state);
            }
        }
        StateGraph graph = new StateGraph(startAt, Collections.unmodifiableMap(compiled));
        if (diagnostics.size() == errorsBefore) {
            checkTransitions(graph, location);
        }
        return graph;
    }

    private void checkTransitions(StateGraph graph, String location) {
        if (graph.state(graph.startAt()) == null) {
            error(MISSING_TARGET, "StartAt names no state: '" + graph.startAt() + "'", location + "/StartAt");
            return;
        }
        boolean complete = true;
        for (State state : graph.states().values()) {
            for (String target : state.transitions()) {
                if (graph.state(target) == null) {
                    error(MISSING_TARGET, "Missing 'Next' target: " + target, location + "/States/" + state.name());
                    complete = false;
                }
            }
        }
        if (!complete) {
            return;
        }
        Set<String> reached = new HashSet<>();
        List<String> pending = new ArrayList<>(List.of(graph.startAt()));
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (reached.add(name)) {
                pending.addAll(graph.state(name).transitions());
            }
        }
        for (String name : graph.states().keySet()) {
            if (!reached.contains(name)) {
                error(UNREACHABLE, "State '" + name + "' is not reachable", location + "/States/" + name);
            }
        }
    }

    private State state(String name, JsonNode node, String location) {
        if (!node.isObject()) {
            error(SCHEMA, "A state must be a JSON object", location);
            return null;
        }
        if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
            error(SCHEMA, "State names must be 1 to 80 characters long", location);
        }
        if (!stateNames.add(name)) {
            error(DUPLICATE_NAME, "State names must be unique in the whole state machine: '" + name + "'", location);
        }
        String type = requiredText(node, "Type", location);
        if (type == null) {
            return null;
        }
        Set<String> fields = STATE_FIELDS.get(type);
        if (fields == null) {
            error(SCHEMA, "Unknown state type '" + type + "'", location + "/Type");
            return null;
        }
        checkLanguage(name, node, location);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (JSONPATH_FIELDS.contains(field)) {
                error(SCHEMA, "The field '" + field + "' belongs to JSONPath; JSONata states use Arguments, Output and Assign",
                        location + "/" + field);
            } else if (!COMMON_FIELDS.contains(field) && !fields.contains(field)) {
                error(SCHEMA, "The field '" + field + "' is not supported in a " + type + " state", location + "/" + field);
            }
        }
        String next = fields.contains("End") ? transition(node, location) : null;
        return switch (type) {
            case "Task" -> task(name, next, node, location);
            case "Pass" -> new State.PassState(name, next, template(node, "Output", location), assign(node, location));
            case "Choice" -> choice(name, node, location);
            case "Wait" -> waitState(name, next, node, location);
            case "Succeed" -> new State.SucceedState(name, template(node, "Output", location));
            case "Fail" -> new State.FailState(name, stringTemplate(node, "Error", location),
                    stringTemplate(node, "Cause", location));
            case "Parallel" -> parallel(name, next, node, location);
            default -> map(name, next, node, location);
        };
    }

    private void checkLanguage(String name, JsonNode node, String location) {
        JsonNode own = node.get("QueryLanguage");
        String language = own != null && own.isTextual() ? own.textValue() : rootLanguage;
        if (own != null && JSONATA.equals(rootLanguage) && !JSONATA.equals(language)) {
            error(SCHEMA, "A state cannot use JSONPath when the state machine's QueryLanguage is JSONata",
                    location + "/QueryLanguage");
        } else if (!JSONATA.equals(language)) {
            error(UNSUPPORTED, "State '" + name + "' uses JSONPath; this Step Functions service runs JSONata only: set "
                    + "\"QueryLanguage\": \"JSONata\" at the top of the definition", location);
        }
    }

    /** Exactly one of Next and End, as AWS requires; the answer is null for an End. */
    private String transition(JsonNode node, String location) {
        JsonNode next = node.get("Next");
        JsonNode end = node.get("End");
        boolean ends = end != null && end.isBoolean() && end.booleanValue();
        if (end != null && !end.isBoolean()) {
            error(SCHEMA, "End must be a boolean", location + "/End");
        }
        if (next != null && ends) {
            error(SCHEMA, "A state cannot have both Next and End", location);
        } else if (next == null && !ends) {
            error(SCHEMA, "A state must have either Next or \"End\": true", location);
        } else if (next != null && !next.isTextual()) {
            error(SCHEMA, "Next must be a string", location + "/Next");
        }
        return next != null && next.isTextual() ? next.textValue() : null;
    }

    private State task(String name, String next, JsonNode node, String location) {
        String resourceArn = requiredText(node, "Resource", location);
        TaskResource resource = resourceArn == null ? null : resource(resourceArn, location + "/Resource");
        Template arguments = template(node, "Arguments", location);
        if (resource != null && resource.kind() != Kind.LAMBDA_FUNCTION) {
            JsonNode args = node.get("Arguments");
            if (args == null || args.isObject() && !args.has("FunctionName")) {
                error(SCHEMA, "The field 'FunctionName' is required in Arguments for " + resourceArn, location + "/Arguments");
            }
        }
        Template timeout = integerTemplate(node, "TimeoutSeconds", 1, location);
        Template heartbeat = integerTemplate(node, "HeartbeatSeconds", 1, location);
        if (timeout instanceof Literal t && heartbeat instanceof Literal h
                && ((Number) h.value()).longValue() >= ((Number) t.value()).longValue()) {
            error(SCHEMA, "HeartbeatSeconds must be smaller than TimeoutSeconds", location + "/HeartbeatSeconds");
        }
        return new State.TaskState(name, next, resource, arguments, template(node, "Output", location),
                assign(node, location), timeout, heartbeat, retriers(node, location), catchers(node, location));
    }

    private TaskResource resource(String arn, String location) {
        if (arn.equals(LAMBDA_INVOKE_ARN)) {
            return new TaskResource(arn, Kind.LAMBDA_INVOKE);
        }
        if (arn.equals(LAMBDA_INVOKE_WAIT_ARN)) {
            return new TaskResource(arn, Kind.LAMBDA_INVOKE_WAIT_FOR_TOKEN);
        }
        if (LAMBDA_FUNCTION_ARN.matcher(arn).matches()) {
            return new TaskResource(arn, Kind.LAMBDA_FUNCTION);
        }
        error(UNSUPPORTED, "Resource '" + arn + "' is not supported here; supported: " + LAMBDA_INVOKE_ARN + ", "
                + LAMBDA_INVOKE_WAIT_ARN + " and Lambda function ARNs", location);
        return null;
    }

    private State choice(String name, JsonNode node, String location) {
        JsonNode choices = node.get("Choices");
        List<ChoiceRule> rules = new ArrayList<>();
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            error(SCHEMA, "Choices must be a non-empty array", location + "/Choices");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                String ruleLocation = location + "/Choices/" + i;
                JsonNode rule = choices.get(i);
                if (!rule.isObject()) {
                    error(SCHEMA, "A choice rule must be an object", ruleLocation);
                    continue;
                }
                unknownFields(rule, RULE_FIELDS, ruleLocation, "a JSONata choice rule (use Condition)");
                Template condition = template(rule, "Condition", ruleLocation);
                if (condition == null) {
                    error(SCHEMA, "A choice rule needs a Condition", ruleLocation);
                }
                rules.add(new ChoiceRule(condition, requiredText(rule, "Next", ruleLocation),
                        template(rule, "Output", ruleLocation), assign(rule, ruleLocation)));
            }
        }
        JsonNode defaultNext = node.get("Default");
        if (defaultNext != null && !defaultNext.isTextual()) {
            error(SCHEMA, "Default must be a string", location + "/Default");
        }
        return new State.ChoiceState(name, List.copyOf(rules), defaultNext == null ? null : defaultNext.asText(),
                template(node, "Output", location), assign(node, location));
    }

    private State waitState(String name, String next, JsonNode node, String location) {
        Template seconds = integerTemplate(node, "Seconds", 0, location);
        Template timestamp = template(node, "Timestamp", location);
        if ((seconds == null) == (timestamp == null)) {
            error(SCHEMA, "A Wait state needs exactly one of Seconds and Timestamp", location);
        }
        if (timestamp instanceof Literal literal) {
            if (!(literal.value() instanceof String text) || !isTimestamp(text)) {
                error(SCHEMA, "Timestamp must be an ISO-8601 date-time such as 2016-03-14T01:59:00Z", location + "/Timestamp");
            }
        }
        return new State.WaitState(name, next, seconds, timestamp, template(node, "Output", location),
                assign(node, location));
    }

    static boolean isTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private State parallel(String name, String next, JsonNode node, String location) {
        JsonNode branches = node.get("Branches");
        List<StateGraph> graphs = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            error(SCHEMA, "Branches must be a non-empty array", location + "/Branches");
        } else {
            for (int i = 0; i < branches.size(); i++) {
                JsonNode branch = branches.get(i);
                String branchLocation = location + "/Branches/" + i;
                if (!branch.isObject()) {
                    error(SCHEMA, "A branch must be an object", branchLocation);
                    continue;
                }
                unknownFields(branch, Set.of("StartAt", "States", "Comment"), branchLocation, "a branch");
                graphs.add(graph(branch, branchLocation));
            }
        }
        return new State.ParallelState(name, next, List.copyOf(graphs), template(node, "Arguments", location),
                template(node, "Output", location), assign(node, location), retriers(node, location),
                catchers(node, location));
    }

    private State map(String name, String next, JsonNode node, String location) {
        String field = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processor = node.get(field);
        String processorLocation = location + "/" + field;
        StateGraph graph = null;
        if (processor == null || !processor.isObject()) {
            error(SCHEMA, "A Map state needs an ItemProcessor object", processorLocation);
        } else {
            unknownFields(processor, Set.of("StartAt", "States", "Comment", "ProcessorConfig"), processorLocation,
                    "an ItemProcessor");
            JsonNode config = processor.path("ProcessorConfig");
            String mode = config.path("Mode").asText("INLINE");
            if (!mode.equals("INLINE")) {
                error(UNSUPPORTED, "Only ProcessorConfig Mode INLINE is supported, not " + mode,
                        processorLocation + "/ProcessorConfig/Mode");
            }
            graph = graph(processor, processorLocation);
        }
        return new State.MapState(name, next, graph, template(node, "Items", location),
                template(node, "ItemSelector", location), integerTemplate(node, "MaxConcurrency", 0, location),
                template(node, "Output", location), assign(node, location), retriers(node, location),
                catchers(node, location));
    }

    private List<Retrier> retriers(JsonNode node, String location) {
        List<Retrier> retriers = new ArrayList<>();
        JsonNode array = errorHandlers(node, "Retry", location);
        for (int i = 0; i < array.size(); i++) {
            JsonNode retrier = array.get(i);
            String at = location + "/Retry/" + i;
            if (!retrier.isObject()) {
                error(SCHEMA, "A retrier must be an object", at);
                continue;
            }
            unknownFields(retrier, RETRIER_FIELDS, at, "a retrier");
            List<String> errors = errorEquals(retrier, at, i == array.size() - 1);
            int interval = intField(retrier, "IntervalSeconds", 1, 1, at);
            int maxAttempts = intField(retrier, "MaxAttempts", 3, 0, at);
            double backoff = retrier.path("BackoffRate").asDouble(2.0);
            if (retrier.has("BackoffRate") && (!retrier.get("BackoffRate").isNumber() || backoff < 1.0)) {
                error(SCHEMA, "BackoffRate must be a number of at least 1.0", at + "/BackoffRate");
            }
            Integer maxDelay = retrier.has("MaxDelaySeconds") ? intField(retrier, "MaxDelaySeconds", 1, 1, at) : null;
            String jitter = retrier.path("JitterStrategy").asText("NONE");
            if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
                error(SCHEMA, "JitterStrategy must be FULL or NONE", at + "/JitterStrategy");
            }
            retriers.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter.equals("FULL")));
        }
        return List.copyOf(retriers);
    }

    private List<Catcher> catchers(JsonNode node, String location) {
        List<Catcher> catchers = new ArrayList<>();
        JsonNode array = errorHandlers(node, "Catch", location);
        for (int i = 0; i < array.size(); i++) {
            JsonNode catcher = array.get(i);
            String at = location + "/Catch/" + i;
            if (!catcher.isObject()) {
                error(SCHEMA, "A catcher must be an object", at);
                continue;
            }
            unknownFields(catcher, CATCHER_FIELDS, at, "a JSONata catcher");
            List<String> errors = errorEquals(catcher, at, i == array.size() - 1);
            catchers.add(new Catcher(errors, requiredText(catcher, "Next", at), template(catcher, "Output", at),
                    assign(catcher, at)));
        }
        return List.copyOf(catchers);
    }

    private JsonNode errorHandlers(JsonNode node, String field, String location) {
        JsonNode array = node.path(field);
        if (!array.isMissingNode() && !array.isArray()) {
            error(SCHEMA, field + " must be an array", location + "/" + field);
        }
        return array.isArray() ? array : JsonValues.MAPPER.createArrayNode();
    }

    private List<String> errorEquals(JsonNode handler, String location, boolean last) {
        JsonNode names = handler.get("ErrorEquals");
        String at = location + "/ErrorEquals";
        if (names == null || !names.isArray() || names.isEmpty()) {
            error(SCHEMA, "ErrorEquals must be a non-empty array of error names", at);
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                error(SCHEMA, "Error names must be strings", at);
                continue;
            }
            String error = name.textValue();
            if (error.startsWith("States.") && !StatesError.PREDEFINED.contains(error)) {
                error(SCHEMA, "Unknown predefined error name '" + error + "'", at);
            }
            errors.add(error);
        }
        if (errors.contains(StatesError.ALL) && (errors.size() > 1 || !last)) {
            error(SCHEMA, "States.ALL must appear alone in ErrorEquals and only in the last retrier or catcher", at);
        }
        return List.copyOf(errors);
    }

    private Template assign(JsonNode node, String location) {
        JsonNode assign = node.get("Assign");
        if (assign == null) {
            return null;
        }
        if (!assign.isObject()) {
            error(SCHEMA, "Assign must be an object of variable names", location + "/Assign");
            return null;
        }
        for (Iterator<String> it = assign.fieldNames(); it.hasNext(); ) {
            String variable = it.next();
            if (!VARIABLE_NAME.matcher(variable).matches() || variable.equals("states")) {
                error(SCHEMA, "Invalid variable name '" + variable + "'", location + "/Assign/" + variable);
            }
        }
        return compile(assign, location + "/Assign");
    }

    private Template template(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        return value == null ? null : compile(value, location + "/" + field);
    }

    private Template stringTemplate(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value != null && !value.isTextual()) {
            error(SCHEMA, field + " must be a string", location + "/" + field);
            return null;
        }
        return template(node, field, location);
    }

    /** A positive-or-zero integer, or an expression that yields one at run time. */
    private Template integerTemplate(JsonNode node, String field, int min, String location) {
        Template template = template(node, field, location);
        if (template instanceof Literal literal && !(literal.value() instanceof Number number
                && node.get(field).isIntegralNumber() && number.longValue() >= min)) {
            error(SCHEMA, field + " must be an integer of at least " + min + " or a JSONata expression",
                    location + "/" + field);
            return null;
        }
        return template;
    }

    private int intField(JsonNode node, String field, int defaultValue, int min, String location) {
        JsonNode value = node.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
            error(SCHEMA, field + " must be an integer of at least " + min, location + "/" + field);
            return defaultValue;
        }
        return value.intValue();
    }

    private Template compile(JsonNode value, String location) {
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4) {
                String source = text.substring(2, text.length() - 2).trim();
                if (source.isEmpty()) {
                    error(INVALID_EXPRESSION, "Empty JSONata expression", location);
                    return new Literal(null);
                }
                try {
                    return new Template.Expression(JsonataExpression.parse(source));
                } catch (IllegalArgumentException e) {
                    error(INVALID_EXPRESSION, "Invalid JSONata expression '" + source + "': " + e.getMessage(), location);
                    return new Literal(null);
                }
            }
            return new Literal(text);
        }
        if (value.isObject()) {
            Map<String, Template> fields = new LinkedHashMap<>();
            boolean literal = true;
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                Template compiled = compile(field.getValue(), location + "/" + field.getKey());
                literal &= compiled instanceof Literal;
                fields.put(field.getKey(), compiled);
            }
            return literal ? new Literal(JsonValues.toValue(value)) : new Template.ObjectTemplate(Collections.unmodifiableMap(fields));
        }
        if (value.isArray()) {
            List<Template> items = new ArrayList<>();
            boolean literal = true;
            for (int i = 0; i < value.size(); i++) {
                Template compiled = compile(value.get(i), location + "/" + i);
                literal &= compiled instanceof Literal;
                items.add(compiled);
            }
            return literal ? new Literal(JsonValues.toValue(value)) : new Template.ArrayTemplate(List.copyOf(items));
        }
        return new Literal(JsonValues.toValue(value));
    }

    private String requiredText(JsonNode node, String field, String location) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            error(SCHEMA, "The field '" + field + "' is required and must be a string", location + "/" + field);
            return null;
        }
        return value.textValue();
    }

    private void unknownFields(JsonNode node, Set<String> allowed, String location, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                error(SCHEMA, "The field '" + field + "' is not supported in " + where, location + "/" + field);
            }
        }
    }

    private void error(String code, String message, String location) {
        diagnostics.add(new Diagnostic(code, message, location == null || location.isEmpty() ? null : location));
    }
}
