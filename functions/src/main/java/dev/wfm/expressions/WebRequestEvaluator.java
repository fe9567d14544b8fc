package dev.wfm.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.diagrams.Step;
import dev.wfm.jobs.JobRepository;
import dev.wfm.jobs.runtime.StepFailure;
import dev.wfm.jobs.runtime.WebRequests;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.SecretHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tries a web request step before it goes into a diagram: its {@code request} (and
 * {@code outputs}) checked as a diagram's step is, rendered with {@code $job} (a job's properties,
 * when one is named), sent through the same outbound client and address guard as a run, and
 * answered with what was sent (secret header values hidden), what came back, and the return code
 * and output the step would give. The call is made for real: the service gets it once, without an
 * Idempotency-Key (a try is not a run of any job's step), waiting at most {@link #MAX_WAIT} for the
 * answer. Nothing is written.
 */
public final class WebRequestEvaluator {
    private static final Set<String> FIELDS = Set.of("request", "outputs", "jobId");
    private static final String HIDDEN = "(secret)";
    static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private final JobRepository jobs;
    private final OutboundHttp http;
    private final WebRequests requests;

    public WebRequestEvaluator(JobRepository jobs, OutboundHttp http, SecretHeaders secretHeaders) {
        this.jobs = jobs;
        this.http = http;
        this.requests = new WebRequests(secretHeaders);
    }

    /** {@code {request, outputs?, jobId?}} → {@code {request, response?, returnCode?, output?, error?, retried?}}. */
    public ObjectNode evaluate(String itemId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Refusal.invalid("Expected a JSON object {request, outputs?, jobId?}", null);
        }
        JsonFields.refuseUnknown(body, "", FIELDS);
        DiagramJson.WebRequestRead read = DiagramJson.webRequest(body.get("request"), body.get("outputs"));
        if (read.step() == null) {
            List<Refusal.Detail> details = read.problems().stream()
                    .map(problem -> new Refusal.Detail(problem.code(), problem.message(), problem.target())).toList();
            throw new Refusal(Refusal.Kind.INVALID_ARGUMENT, "The request has " + details.size() + " problem(s); see details", "request",
                    details, Map.of());
        }
        Step.WebRequest step = read.step();
        String jobId = JsonFields.optionalString(body, "jobId", JsonFields.MAX_ID_LENGTH);
        JsonNode properties = jobId == null ? Json.object() : jobs.load(itemId, jobId).properties();
        OutboundHttp.Call rendered;
        try {
            rendered = requests.call(itemId, step, properties, null);
        } catch (StepFailure e) {
            throw Refusal.invalid(e.getMessage(), "request");
        }
        // within the HTTP API's own 30 s: a try waits for one answer, a run may wait longer
        OutboundHttp.Call call = new OutboundHttp.Call(rendered.method(), rendered.url(), rendered.headers(), rendered.body(),
                rendered.timeout().compareTo(MAX_WAIT) > 0 ? MAX_WAIT : rendered.timeout(), rendered.followRedirects());
        ObjectNode answer = Json.object();
        answer.set("request", sent(call, step.request()));
        OutboundHttp.Outcome outcome = http.send(call);
        if (outcome instanceof OutboundHttp.Failed failed) {
            return answer.put("error", failed.message()).put("retried", failed.failure().transientFailure());
        }
        OutboundHttp.Answered answered = (OutboundHttp.Answered) outcome;
        answer.set("response", WebRequests.response(answered));
        if (answered.status() >= 400) {
            return answer.put("error", answered.describedFor(call)).put("retried", answered.status() >= 500 || answered.status() == 429);
        }
        answer.put("returnCode", Integer.toString(answered.status()));
        try {
            answer.set("output", WebRequests.output(step, answered, properties));
        } catch (StepFailure e) {
            answer.put("error", e.getMessage()).put("retried", false);
        }
        return answer;
    }

    /** The call as made: method, the URL as described (no credentials or query values), headers with secret values hidden, body. */
    private static ObjectNode sent(OutboundHttp.Call call, Step.Request request) {
        ObjectNode sent = Json.object().put("method", call.method()).put("url", OutboundHttp.shown(call.url()));
        ObjectNode headers = sent.putObject("headers");
        call.headers().forEach((name, value) -> headers.put(name, request.secretHeaders().contains(name) ? HIDDEN : value));
        if (call.body() != null) {
            sent.put("body", call.body());
        }
        return sent;
    }
}
