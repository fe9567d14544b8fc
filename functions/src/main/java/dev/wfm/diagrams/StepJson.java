package dev.wfm.diagrams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.outbound.SecretHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One step to and from JSON; see {@link DiagramJson}. */
final class StepJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StepJson() {}

    /** The step at {@code at} (e.g. {@code steps[2]}), or null after recording why not. */
    static Step read(JsonNode node, String at, MemberReader fields) {
        if (fields.object(node, at) == null) {
            return null;
        }
        StepInfo info =
                new StepInfo(
                        fields.requiredText(node, at, "id"),
                        fields.requiredText(node, at, "name"),
                        fields.optionalText(node, at, "description"),
                        assignedType(node, at, fields),
                        fields.optionalText(node, at, "assignedTo"),
                        fields.optionalBoolean(node, at, "autoRun"));
        StepType type = type(node, at, fields);
        if (type == null) {
            return null;
        }
        fields.ignored(node, "layout");
        Step step = switch (type) {
            case MANUAL -> new Step.Manual(info);
            case QUESTION ->
                    new Step.Question(
                            info, fields.requiredText(node, at, "question"), answers(node, at, fields));
            case WEB_REQUEST -> new Step.WebRequest(info, request(node, at, fields), retry(node, at, fields), outputs(node, at, fields));
            case WAIT ->
                    new Step.Wait(
                            info,
                            fields.optionalInteger(node, at, "seconds"),
                            fields.optionalText(node, at, "until"));
            case CREATE_JOB ->
                    new Step.CreateJob(
                            info,
                            fields.requiredText(node, at, "jobTemplateId"),
                            fields.optionalBoolean(node, at, "waitForClose"));
            case END -> new Step.End(info);
        };
        fields.refuseUnread(node, at);
        return step;
    }

    static ObjectNode write(Step step) {
        ObjectNode json = JSON.objectNode();
        StepInfo info = step.info();
        json.put("id", info.id());
        json.put("name", info.name());
        json.put("type", step.type().json());
        putIfPresent(json, "description", info.description());
        if (info.assignedType() != null) {
            json.put("assignedType", info.assignedType().json());
        }
        putIfPresent(json, "assignedTo", info.assignedTo());
        if (info.autoRun()) {
            json.put("autoRun", true);
        }
        switch (step.type()) {
            case QUESTION -> {
                Step.Question question = (Step.Question) step;
                json.put("question", question.question());
                question.answers().forEach(a -> json.withArray("answers").addObject()
                        .put("name", a.name())
                        .put("value", a.value()));
            }
            case WEB_REQUEST -> {
                Step.WebRequest web = (Step.WebRequest) step;
                json.set("request", writeRequest(web.request()));
                if (web.retry() != null) {
                    json.putObject("retry").put("maxAttempts", web.retry().maxAttempts())
                            .put("intervalSeconds", web.retry().intervalSeconds()).put("backoffRate", web.retry().backoffRate());
                }
                if (!web.outputs().isEmpty()) {
                    ObjectNode outputs = json.putObject("outputs");
                    web.outputs().forEach(outputs::put);
                }
            }
            case WAIT -> {
                Step.Wait wait = (Step.Wait) step;
                if (wait.seconds() != null) {
                    json.put("seconds", wait.seconds());
                }
                putIfPresent(json, "until", wait.until());
            }
            case CREATE_JOB -> {
                Step.CreateJob create = (Step.CreateJob) step;
                json.put("jobTemplateId", create.jobTemplateId());
                if (create.waitForClose()) {
                    json.put("waitForClose", true);
                }
            }
            case MANUAL, END -> {}
        }
        return json;
    }

    private static StepType type(JsonNode node, String at, MemberReader fields) {
        String type = fields.requiredText(node, at, "type");
        if (type == null) {
            return null;
        }
        StepType known = StepType.fromJson(type).orElse(null);
        if (known == null) {
            String target = MemberReader.target(at, "type");
            fields.add(
                    ProblemCode.UNKNOWN_STEP_TYPE,
                    "Expected " + target + " to be one of " + allTypes() + ", but found '" + type + "'. "
                            + "Use one of those types.",
                    target);
        }
        return known;
    }

    private static AssignedType assignedType(JsonNode node, String at, MemberReader fields) {
        String value = fields.optionalText(node, at, "assignedType");
        if (value == null) {
            return null;
        }
        AssignedType known = AssignedType.fromJson(value).orElse(null);
        if (known == null) {
            String target = MemberReader.target(at, "assignedType");
            fields.add(
                    ProblemCode.INVALID_FIELD,
                    "Expected " + target + " to be User, Group or Unassigned, but found '" + value + "'. "
                            + "Use one of those values.",
                    target);
        }
        return known;
    }

    private static List<Step.Answer> answers(JsonNode node, String at, MemberReader fields) {
        List<Step.Answer> answers = new ArrayList<>();
        JsonNode array = fields.requiredArray(node, at, "answers");
        if (array == null) {
            return answers;
        }
        for (int i = 0; i < array.size(); i++) {
            String answerAt = MemberReader.target(at, "answers[" + i + "]");
            JsonNode answer = fields.object(array.get(i), answerAt);
            if (answer != null) {
                answers.add(
                        new Step.Answer(
                                fields.requiredText(answer, answerAt, "name"),
                                fields.requiredText(answer, answerAt, "value")));
                fields.refuseUnread(answer, answerAt);
            }
        }
        return answers;
    }

    private static Step.Request request(JsonNode node, String at, MemberReader fields) {
        JsonNode request = fields.requiredObject(node, at, "request");
        if (request == null) {
            return null;
        }
        String requestAt = MemberReader.target(at, "request");
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> secretHeaders = new LinkedHashSet<>();
        Set<String> sealedHeaders = new LinkedHashSet<>();
        JsonNode object = fields.optionalObject(request, requestAt, "headers");
        if (object != null) {
            object.properties().forEach(header -> {
                String name = header.getKey();
                JsonNode given = header.getValue();
                boolean sealed = given.isObject() && given.has(SecretHeaders.SEALED);
                String value = header(given, requestAt + ".headers." + name, sealed, fields);
                if (value != null) {
                    headers.put(name, value);
                    if (SecretHeaders.secret(name, given)) {
                        secretHeaders.add(name);
                    }
                    if (sealed) {
                        sealedHeaders.add(name);
                    }
                }
            });
        }
        Step.Request read = new Step.Request(
                fields.requiredText(request, requestAt, "method"),
                fields.requiredText(request, requestAt, "url"),
                headers,
                secretHeaders,
                sealedHeaders,
                fields.optionalText(request, requestAt, "body"),
                fields.optionalInteger(request, requestAt, "timeoutSeconds"));
        fields.refuseUnread(request, requestAt);
        return read;
    }

    /**
     * A header's value: a string, or {@code {"value": "...", "secret": true|false}}; as stored, a
     * secret is {@code {"secret": true, "sealed": "..."}} and its value the sealed text.
     */
    private static String header(JsonNode value, String at, boolean sealed, MemberReader fields) {
        if (!value.isObject()) {
            return fields.text(value, at);
        }
        fields.optionalBoolean(value, at, "secret");
        String text = fields.requiredText(value, at, sealed ? SecretHeaders.SEALED : "value");
        fields.refuseUnread(value, at);
        return text;
    }

    /** A web request's {@code outputs}: a name for each value taken from the answer, a {@code {% %}} template each. */
    private static Map<String, String> outputs(JsonNode node, String at, MemberReader fields) {
        JsonNode outputs = fields.optionalObject(node, at, "outputs");
        if (outputs == null) {
            return Map.of();
        }
        String outputsAt = MemberReader.target(at, "outputs");
        Map<String, String> read = new LinkedHashMap<>();
        outputs.fieldNames().forEachRemaining(name -> {
            String template = fields.requiredText(outputs, outputsAt, name);
            if (template != null) {
                read.put(name, template);
            }
        });
        return read;
    }

    /** The step's retry policy, or null for the default; its members are checked by StepChecks. */
    private static Step.Retry retry(JsonNode node, String at, MemberReader fields) {
        JsonNode retry = fields.optionalObject(node, at, "retry");
        if (retry == null) {
            return null;
        }
        String retryAt = MemberReader.target(at, "retry");
        Integer maxAttempts = fields.optionalInteger(retry, retryAt, "maxAttempts");
        Integer interval = fields.optionalInteger(retry, retryAt, "intervalSeconds");
        Double rate = fields.optionalNumber(retry, retryAt, "backoffRate");
        fields.refuseUnread(retry, retryAt);
        Step.Retry fallback = Step.Retry.DEFAULT;
        return new Step.Retry(maxAttempts != null ? maxAttempts : fallback.maxAttempts(),
                interval != null ? interval : fallback.intervalSeconds(),
                rate != null ? rate : fallback.backoffRate());
    }

    private static ObjectNode writeRequest(Step.Request request) {
        ObjectNode json = JSON.objectNode();
        json.put("method", request.method());
        json.put("url", request.url());
        if (!request.headers().isEmpty()) {
            ObjectNode headers = json.putObject("headers");
            request.headers().forEach((name, value) -> {
                if (request.sealedHeaders().contains(name)) {
                    headers.putObject(name).put("secret", true).put(SecretHeaders.SEALED, value);
                } else if (request.secretHeaders().contains(name)) {
                    headers.putObject(name).put("value", value).put("secret", true);
                } else {
                    headers.put(name, value);
                }
            });
        }
        putIfPresent(json, "body", request.body());
        if (request.timeoutSeconds() != null) {
            json.put("timeoutSeconds", request.timeoutSeconds());
        }
        return json;
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static String allTypes() {
        return Arrays.stream(StepType.values()).map(StepType::json).collect(Collectors.joining(", "));
    }
}
