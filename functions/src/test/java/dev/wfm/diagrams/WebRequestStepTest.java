package dev.wfm.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.jobs.runtime.TransientStepFailure;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A webRequest step's own options: its timeout, its retry policy, its secret headers; as read, checked and compiled. */
class WebRequestStepTest {

    /** A manual step, then the web request step {@code notify} with {@code fields} added to it, then the end. */
    private static JsonNode diagram(String fields) {
        try {
            return Fixtures.MAPPER.readTree("""
                    {"name": "Notify", "start": "a",
                     "steps": [{"id": "a", "name": "A", "type": "manual"},
                               {"id": "notify", "name": "Notify", "type": "webRequest", %s},
                               {"id": "done", "name": "Done", "type": "end"}],
                     "paths": [{"from": "a", "to": "notify"}, {"from": "notify", "to": "done"}]}""".formatted(fields));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String REQUEST = "\"request\": {\"method\": \"POST\", \"url\": \"https://example.org/notify\"}";

    private static List<String> problems(String fields) {
        DiagramJson.Result read = DiagramJson.read(diagram(fields));
        List<Problem> problems = read.diagram() == null ? read.problems() : DiagramValidator.validate(read.diagram());
        return problems.stream().map(p -> p.target() + ": " + p.message()).toList();
    }

    private static JsonNode notifyTask(String fields) throws IOException {
        Diagram diagram = DiagramJson.read(diagram(fields)).diagram();
        return Fixtures.MAPPER.readTree(AslCompiler.compile(diagram, Fixtures.TARGETS)).path("States").path("Notify (notify)");
    }

    @Test
    void aTimeoutBeyondWhatOneAttemptMayTakeIsRefusedNamingTheMaximum() {
        List<String> problems = problems("\"request\": {\"method\": \"GET\", \"url\": \"https://example.org/\", \"timeoutSeconds\": 900}");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("notify: Expected webRequest step 'notify' to have request.timeoutSeconds between 1 and "
                + Step.Request.MAX_TIMEOUT_SECONDS + ", but found 900."), problems.get(0));
        assertEquals(List.of(), problems("\"request\": {\"method\": \"GET\", \"url\": \"https://example.org/\", \"timeoutSeconds\": "
                + Step.Request.MAX_TIMEOUT_SECONDS + "}"));
    }

    @Test
    void aStepsRetryPolicyBecomesARetryEntryForTheTransientFailure() throws IOException {
        JsonNode retries = notifyTask(REQUEST + ", \"retry\": {\"maxAttempts\": 5, \"intervalSeconds\": 3, \"backoffRate\": 1.5}").path("Retry");
        assertEquals(2, retries.size(), retries.toString());
        JsonNode step = retries.get(1);
        assertEquals(List.of(TransientStepFailure.class.getName()), List.of(step.path("ErrorEquals").get(0).asText()),
                "the error name the worker throws under");
        assertEquals(3, step.path("IntervalSeconds").asInt());
        assertEquals(4, step.path("MaxAttempts").asInt(), "the policy counts the first attempt, Step Functions only the retries");
        assertEquals(1.5, step.path("BackoffRate").asDouble());
    }

    @Test
    void withoutAPolicyAWebRequestIsTriedThreeTimesAndWithOneAttemptOnlyOnce() throws IOException {
        JsonNode byDefault = notifyTask(REQUEST).path("Retry").get(1);
        assertEquals(2, byDefault.path("IntervalSeconds").asInt());
        assertEquals(2, byDefault.path("MaxAttempts").asInt());
        assertEquals(2.0, byDefault.path("BackoffRate").asDouble());
        assertEquals(1, notifyTask(REQUEST + ", \"retry\": {\"maxAttempts\": 1}").path("Retry").size(), "only the Lambda service errors");
    }

    @Test
    void retryPoliciesOutOfRangeOrWithUnknownFieldsAreRefused() {
        assertEquals(List.of("notify: Expected webRequest step 'notify' to have retry.maxAttempts between 1 and 10, but found 0. "
                + "Count the first attempt too: 1 means never retry."), problems(REQUEST + ", \"retry\": {\"maxAttempts\": 0}"));
        assertEquals(1, problems(REQUEST + ", \"retry\": {\"intervalSeconds\": 0}").size());
        assertEquals(1, problems(REQUEST + ", \"retry\": {\"backoffRate\": 0.5}").size());
        assertEquals(1, problems(REQUEST + ", \"retry\": {\"backoffRate\": \"fast\"}").size());
        assertEquals(List.of("steps[1].retry.maxAttempt: Expected only the members [backoffRate, intervalSeconds, maxAttempts] in "
                + "steps[1].retry, but found 'maxAttempt'. Remove it, or check its spelling."), problems(REQUEST + ", \"retry\": {\"maxAttempt\": 3}"));
    }

    @Test
    void headersNamedLikeCredentialsOrMarkedSecretAreSecretAndOthersAreNot() {
        Step.WebRequest step = (Step.WebRequest) DiagramJson.read(diagram("""
                "request": {"method": "POST", "url": "https://example.org/notify", "headers": {
                    "Authorization": "Bearer abc", "X-Api-Key": "k", "X-Signing": {"value": "s", "secret": true},
                    "X-Trace": {"value": "t"}, "Accept": "application/json"}}""")).diagram().steps().get(1);
        assertEquals(java.util.Set.of("Authorization", "X-Api-Key", "X-Signing"), step.request().secretHeaders());
        assertEquals("s", step.request().headers().get("X-Signing"));
        JsonNode written = DiagramJson.write(DiagramJson.read(diagram("""
                "request": {"method": "POST", "url": "https://example.org/notify", "headers": {"Authorization": "Bearer abc"}}""")).diagram());
        assertEquals("{\"value\":\"Bearer abc\",\"secret\":true}", written.path("steps").get(1).path("request").path("headers")
                .path("Authorization").toString());
        assertFalse(problems("\"request\": {\"method\": \"GET\", \"url\": \"https://example.org/\", \"headers\": "
                + "{\"X-A\": {\"value\": \"v\", \"sealed\": \"x\"}}}").isEmpty(), "an unknown member of a header is refused");
    }
}
