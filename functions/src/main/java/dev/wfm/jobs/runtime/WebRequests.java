package dev.wfm.jobs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.diagrams.Step;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.SecretHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A web request step's call and answer, as its runs make them ({@link StepWorker}) and as an
 * author tries one ({@code expressions.WebRequestEvaluator}): the request rendered from its
 * templates with {@code $job}, its secret headers opened; the answer as the execution's
 * {@code $result}; the step's output from its {@code outputs}. What cannot be rendered is a
 * {@link StepFailure} saying which field and why.
 */
public final class WebRequests {
    private static final int MAX_RESULT_CHARS = 32 * 1024;
    /** A step's output is kept on its job's record (a DynamoDB item of at most 400 KB), for every later step to read. */
    static final int MAX_OUTPUT_CHARS = 8 * 1024;
    private static final int MAX_EXCERPT_CHARS = 200;
    /** Sent with every web request (unless the step sets its own): a run again after a restart is the same request. */
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SecretHeaders secretHeaders;

    public WebRequests(SecretHeaders secretHeaders) {
        this.secretHeaders = secretHeaders;
    }

    /**
     * The request with its secret headers opened and its templates evaluated against the job; a
     * template that fails is the step's failure. {@code idempotencyKey} (null: none) is sent unless the step sets its own.
     */
    public OutboundHttp.Call call(String itemId, Step.WebRequest step, JsonNode properties, String idempotencyKey) {
        Step.Request request = step.request();
        Map<String, JsonNode> variables = Map.of("job", properties);
        String url = evaluate(step, "request.url", request.url(), variables);
        URI uri = OutboundHttp.httpUrl(url).orElseThrow(() -> new StepFailure("The request.url of step '" + step.id() + "' gave '"
                + shortened(url) + "', which is not an absolute http or https URL"));
        String body = request.body() == null ? null : evaluate(step, "request.body", request.body(), variables);
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name, evaluate(step, "request.headers." + name,
                request.sealedHeaders().contains(name) ? opened(itemId, step, name, value) : value, variables)));
        if (body != null && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json");
        }
        if (idempotencyKey != null && headers.keySet().stream().noneMatch(IDEMPOTENCY_KEY::equalsIgnoreCase)) {
            headers.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return new OutboundHttp.Call(request.method().toUpperCase(Locale.ROOT), uri, headers, body,
                Duration.ofSeconds(request.timeout()), true);
    }

    private String opened(String itemId, Step step, String header, String sealed) {
        try {
            return secretHeaders.open(itemId, header, sealed);
        } catch (IllegalStateException e) {
            throw new StepFailure("The secret header " + header + " of step '" + step.id() + "' cannot be decrypted with the "
                    + "deployment's current key (was WebhookSecretKey changed?); publish the diagram again with the header's value");
        }
    }

    /** A template of the step evaluated as text; one that fails is the step's failure, naming the field. */
    static String evaluate(Step step, String field, String template, Map<String, JsonNode> variables) {
        try {
            return JsonataTemplates.evaluateToText(template, variables);
        } catch (RuntimeException e) {
            throw new StepFailure("The " + field + " expression of step '" + step.id() + "' failed on this job: " + e.getMessage());
        }
    }

    /**
     * The web request step's output: {@code statusCode} and each of its {@code outputs}, evaluated
     * with {@code $response} ({status, headers, body}: headers by lower-case name, a JSON body
     * parsed) and {@code $job}; an output that gives nothing is left out. One that fails, or an
     * output past {@value #MAX_OUTPUT_CHARS} characters, is the step's failure.
     */
    public static ObjectNode output(Step.WebRequest step, OutboundHttp.Answered answered, JsonNode properties) {
        ObjectNode output = Json.object().put("statusCode", answered.status());
        if (step.outputs().isEmpty()) {
            return output;
        }
        Map<String, JsonNode> variables = Map.of("job", properties, "response", response(answered));
        step.outputs().forEach((name, template) -> {
            JsonNode value;
            try {
                value = JsonataTemplates.toJson(JsonataTemplates.evaluate(template, variables));
            } catch (RuntimeException e) {
                throw new StepFailure("The outputs." + name + " expression of step '" + step.id() + "' failed on the answer: " + e.getMessage());
            }
            if (!value.isMissingNode()) {
                output.set(name, value);
            }
        });
        int size = output.toString().length();
        if (size > MAX_OUTPUT_CHARS) {
            throw new StepFailure("The outputs of step '" + step.id() + "' came to " + size + " characters of JSON; a step's output is kept "
                    + "with its job, at most " + MAX_OUTPUT_CHARS + ": take fewer or smaller values from the answer");
        }
        return output;
    }

    /** The answer as outputs see it, {@code $response}: {status, headers (lower-case names, first values), body (parsed when JSON)}. */
    public static ObjectNode response(OutboundHttp.Answered answered) {
        ObjectNode response = Json.object().put("status", answered.status());
        ObjectNode headers = response.putObject("headers");
        answered.headers().forEach(headers::put);
        try {
            response.set("body", answered.truncated() ? Json.MAPPER.getNodeFactory().textNode(answered.body()) : Json.read(answered.body()));
        } catch (IOException notJson) {
            response.put("body", answered.body());
        }
        return response;
    }

    /** The answer as the execution's {@code $result}: {status, body}, a JSON body parsed, a large one left out. */
    public static ObjectNode result(OutboundHttp.Answered answered) {
        String text = answered.body();
        ObjectNode result = Json.object().put("status", answered.status());
        try {
            JsonNode parsed = answered.truncated() ? null : Json.read(text);
            result.set("body", parsed == null ? Json.MAPPER.nullNode() : parsed);
        } catch (IOException notJson) {
            result.put("body", text.length() > MAX_RESULT_CHARS ? text.substring(0, MAX_RESULT_CHARS) : text);
        }
        if (result.toString().length() > MAX_RESULT_CHARS) {
            result.put("body", "(response body of " + text.length() + " characters omitted: results travel in the execution's state)");
        }
        return result;
    }

    static String shortened(String text) {
        return text.length() <= MAX_EXCERPT_CHARS ? text : text.substring(0, MAX_EXCERPT_CHARS) + "…";
    }
}
