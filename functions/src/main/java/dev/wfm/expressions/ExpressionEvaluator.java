package dev.wfm.expressions;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobRepository;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tries a JSONata expression as a diagram's path condition or a template would see it, before it
 * is published: {@code $job} (a job's properties as its execution carries them, when a job is
 * named), {@code $returnCode} and {@code $result} (as a step would give them, when given). The
 * answer is the value, or the error at its position; the evaluation is bounded as every other is
 * ({@link JsonataTemplates#TIME_LIMIT}), so a runaway expression is an error too. Nothing is written.
 */
public final class ExpressionEvaluator {
    /** A condition or template is a line or a few; this keeps one request's parse cheap. */
    static final int MAX_EXPRESSION_CHARS = 10_000;
    private static final Set<String> FIELDS = Set.of("expression", "jobId", "returnCode", "result");

    private final JobRepository jobs;
    private final Duration limit;

    public ExpressionEvaluator(JobRepository jobs) {
        this(jobs, JsonataTemplates.TIME_LIMIT);
    }

    ExpressionEvaluator(JobRepository jobs, Duration limit) {
        this.jobs = jobs;
        this.limit = limit;
    }

    /**
     * {@code {expression, jobId?, returnCode?, result?}} → {@code {value}}, or {@code {undefined:
     * true}} when the expression gives nothing; a job of another item, or none, is not found.
     */
    public ObjectNode evaluate(String itemId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Refusal.invalid("Expected a JSON object {expression, jobId?, returnCode?, result?}", null);
        }
        JsonFields.refuseUnknown(body, "", FIELDS);
        String text = JsonFields.requiredString(body, "expression", MAX_EXPRESSION_CHARS);
        String expression = JsonataTemplates.isTemplate(text) ? text.strip().substring(2, text.strip().length() - 2) : text;
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        String jobId = JsonFields.optionalString(body, "jobId", JsonFields.MAX_ID_LENGTH);
        if (jobId != null) {
            Job job = jobs.load(itemId, jobId);
            variables.put("job", job.properties());
        }
        String returnCode = JsonFields.optionalString(body, "returnCode", 200);
        if (returnCode != null) {
            variables.put("returnCode", Json.MAPPER.getNodeFactory().textNode(returnCode));
        }
        if (body.has("result")) {
            variables.put("result", body.get("result"));
        }
        Jsonata parsed;
        try {
            parsed = Jsonata.jsonata(expression);
        } catch (RuntimeException e) {
            throw refused("does not parse", e, expression);
        }
        Object value;
        try {
            value = JsonataTemplates.evaluate(parsed, null, variables, limit);
        } catch (RuntimeException | StackOverflowError e) {
            throw refused("failed", e, expression);
        }
        JsonNode json = JsonataTemplates.toJson(value);
        return json.isMissingNode() ? Json.object().put("undefined", true) : (ObjectNode) Json.object().set("value", json);
    }

    /** The error as the person fixing the expression needs it: what, and where (0-based, meta.position). */
    private static Refusal refused(String what, Throwable e, String expression) {
        int position = e instanceof JException located ? Math.max(0, Math.min(located.getLocation(), expression.length())) : -1;
        String reason = e instanceof StackOverflowError ? "it nests too deeply" : e.getMessage() == null ? "it is malformed" : e.getMessage();
        return new Refusal(Refusal.Kind.INVALID_ARGUMENT, "The expression " + what + ": " + reason
                + (position >= 0 ? " (at character " + position + ")" : ""), "expression", List.of(),
                position >= 0 ? Map.of("position", Integer.toString(position)) : Map.of());
    }
}
