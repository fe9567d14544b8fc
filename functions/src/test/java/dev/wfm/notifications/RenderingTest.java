package dev.wfm.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.common.Json;
import dev.wfm.events.StreamedEvent;
import dev.wfm.jobs.events.JobEvent.StepFinished;
import dev.wfm.outbound.OutboundHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rule's templates for one event: the filter over $event and $job, then the request or the email they render. */
class RenderingTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final StreamedEvent FINISHED = new StreamedEvent("job1/4/0", "item1", "job1",
            new StepFinished("review", "amy", AT, Duration.ofSeconds(90), "yes", "looks fine"));
    private static final Rendering.Variables VARIABLES = new Rendering.Variables(EventVariables.of(FINISHED, Activity.STEP_FINISHED),
            Json.object().put("jobId", "job1").put("jobName", "Verify 12 Main St").put("priority", "High")
                    .put("assignedType", "User").put("assignedTo", "lee"));
    private static final EmailDirectory.People PEOPLE = new EmailDirectory.People(List.of(
            new EmailDirectory.Person("amy", "amy@example.org", List.of("editors")),
            new EmailDirectory.Person("lee", "lee@example.org", List.of()),
            new EmailDirectory.Person("kim", "kim@example.org", List.of("editors", "qa"))));

    @Test
    void theEventIsItsNameIdActivityJobAndFields() {
        assertEquals("{\"type\":\"StepFinished\",\"eventId\":\"job1/4/0\",\"activity\":\"stepFinished\",\"jobId\":\"job1\","
                + "\"stepId\":\"review\",\"user\":\"amy\",\"at\":\"2026-03-02T09:00:00Z\",\"durationSeconds\":90,\"returnCode\":\"yes\","
                + "\"comment\":\"looks fine\"}", VARIABLES.event().toString());
    }

    @Test
    void aFilterSeesTheEventAndTheJob() {
        assertTrue(Rendering.matches(rule("{% $event.returnCode = 'yes' and $job.priority = 'High' %}", null), VARIABLES));
        assertFalse(Rendering.matches(rule("{% $event.stepId = 'publish' %}", null), VARIABLES));
        assertFalse(Rendering.matches(rule("{% $job.nothing %}", null), VARIABLES), "nothing is no match");
        assertTrue(Rendering.matches(rule(null, null), VARIABLES), "no filter lets every event through");
    }

    @Test
    void aFilterThatGivesNeitherTrueNorFalseFailsSayingWhatItGave() {
        Rendering.Failure failure = assertThrows(Rendering.Failure.class,
                () -> Rendering.matches(rule("{% $job.jobName %}", null), VARIABLES));
        assertEquals("The filter of rule 'r' gave the text 'Verify 12 Main St', not true or false", failure.getMessage());
    }

    @Test
    void aWebRequestIsRenderedWithItsHeadersBodyAndIdempotencyKey() {
        NotificationRule.WebRequest web = new NotificationRule.WebRequest("POST", "{% 'https://hub.example.org/jobs/' & $job.jobId %}",
                Json.object(), "{% {'job': $job.jobId, 'step': $event.stepId} %}", 5);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", "Bearer s3cret"));

        OutboundHttp.Call call = Rendering.webCall(rule(null, web), web, headers, VARIABLES, "notification-r-job1/4/0");

        assertEquals("POST https://hub.example.org/jobs/job1", call.described());
        assertEquals("{\"job\":\"job1\",\"step\":\"review\"}", call.body());
        assertEquals(Map.of("Authorization", "Bearer s3cret", "Content-Type", "application/json", "Idempotency-Key", "notification-r-job1/4/0"),
                call.headers());
        assertEquals(Duration.ofSeconds(5), call.timeout());
        assertFalse(call.followRedirects());
    }

    @Test
    void aUrlTemplateThatGivesNoUrlFailsTheDelivery() {
        NotificationRule.WebRequest web = new NotificationRule.WebRequest("POST", "{% $job.jobName %}", Json.object(), null, 5);

        Rendering.Failure failure = assertThrows(Rendering.Failure.class, () -> Rendering.webCall(rule(null, web), web, Map.of(), VARIABLES, "k"));
        assertEquals("The action.webRequest.url of rule 'r' gave 'Verify 12 Main St', which is not an absolute http or https URL",
                failure.getMessage());
    }

    @Test
    void anEmailReachesUsersGroupsAndTheAddressesAnExpressionGivesEachOnce() {
        NotificationRule.Email email = new NotificationRule.Email(List.of("amy", "ops@example.org", "nobody"), List.of("qa"),
                "{% $job.assignedType = 'User' ? [$job.assignedTo, 'amy'] %}", "{% 'Step ' & $event.stepId & '\\nfinished' %}",
                "{% $job.jobName & ': ' & $event.returnCode %}");

        Rendering.Message message = Rendering.email(rule(null, email), email, VARIABLES, PEOPLE);

        assertEquals(List.of("amy@example.org", "ops@example.org", "lee@example.org", "kim@example.org"), message.to());
        assertEquals("Step review finished", message.subject());
        assertEquals("Verify 12 Main St: yes", message.body());
    }

    @Test
    void anEmailWithNoAddressForTheEventFails() {
        NotificationRule.Email email = new NotificationRule.Email(List.of("nobody"), List.of("nobody-group"), null, "s", "b");

        Rendering.Failure failure = assertThrows(Rendering.Failure.class, () -> Rendering.email(rule(null, email), email, VARIABLES, PEOPLE));
        assertTrue(failure.getMessage().startsWith("The recipients of rule 'r' gave no email address for this event"), failure.getMessage());
    }

    @Test
    void aTemplateThatFailsOnTheEventSaysWhichField() {
        NotificationRule.Email email = new NotificationRule.Email(List.of("amy"), List.of(), null, "{% $error('no subject today') %}", "b");

        Rendering.Failure failure = assertThrows(Rendering.Failure.class, () -> Rendering.email(rule(null, email), email, VARIABLES, PEOPLE));
        assertTrue(failure.getMessage().startsWith("The action.email.subject template of rule 'r' failed on this event: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("no subject today"), failure.getMessage());
    }

    private static NotificationRule rule(String filter, NotificationRule.Action action) {
        return new NotificationRule("r1", "r", Set.of(Activity.STEP_FINISHED), filter, true,
                action != null ? action : new NotificationRule.Email(List.of("amy"), List.of(), null, "s", "b"));
    }
}
