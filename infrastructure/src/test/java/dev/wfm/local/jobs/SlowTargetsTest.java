package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.Await;
import org.junit.jupiter.api.Test;

/** Web request steps whose targets are slow: they cost the caller no more than their own timeout, and delay nobody else. */
class SlowTargetsTest {
    private final JobsDriver driver = new JobsDriver();

    /** A job whose first step calls {@code url}, then waits for a person at "after". */
    private String callingTemplate(String url, int timeoutSeconds) throws Exception {
        return driver.template(driver.diagram(JobsDriver.MAPPER.readTree("""
                {"name": "Call out", "start": "call",
                 "steps": [{"id": "call", "name": "Call", "type": "webRequest",
                            "request": {"method": "GET", "url": "%s", "timeoutSeconds": %d}},
                           {"id": "after", "name": "After", "type": "manual"}, {"id": "end", "name": "End", "type": "end"}],
                 "paths": [{"from": "call", "to": "after"}, {"from": "after", "to": "end"}]}""".formatted(url, timeoutSeconds))), "");
    }

    @Test
    void stepsHangingOnASlowTargetDelayNoOtherJob() throws Exception {
        try (SlowTarget target = new SlowTarget()) {
            String hanging = callingTemplate(target.url("/hang"), 60);
            for (int i = 0; i < 20; i++) {
                driver.job(hanging);
            }
            Await.until(() -> target.arrived.get() == 20, 30_000, "all 20 web requests to be waiting on the target at once");

            String other = driver.template(driver.diagram(JobsDriver.MAPPER.readTree("""
                    {"name": "Unrelated", "start": "do", "steps": [{"id": "do", "name": "Do", "type": "manual"},
                      {"id": "end", "name": "End", "type": "end"}], "paths": [{"from": "do", "to": "end"}]}""")), "");
            driver.awaitCurrent(driver.job(other), "do");
        }
    }

    @Test
    void aTargetThatTricklesItsBodyIsCutOffAtTheStepsTimeout() throws Exception {
        try (SlowTarget target = new SlowTarget()) {
            String jobId = driver.job(callingTemplate(target.url("/trickle"), 5));
            Await.until(() -> target.arrived.get() >= 1, 20_000, "the web request to reach the target");
            Await.until(() -> target.abandoned.get() >= 1, 30_000, "the step to give up on the body at its 5 s timeout");
            JsonNode failed = driver.await(jobId, job -> JobsDriver.currentSteps(job).contains("call")
                    && "Failed".equals(JobsDriver.step(job, "call").path("status").asText()), "call Failed");
            assertEquals("Failed", JobsDriver.step(failed, "call").path("status").asText());
        }
    }
}
