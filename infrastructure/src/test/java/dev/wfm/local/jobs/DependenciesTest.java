package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dependencies between jobs' steps never deadlock and never wait for what cannot finish. */
class DependenciesTest {
    private final JobsDriver driver = new JobsDriver();
    private NotifyServer notify;
    private String templateId;

    @BeforeEach
    void diagramAndTemplate() throws Exception {
        notify = new NotifyServer();
        templateId = driver.template(driver.diagram(JobsDriver.exampleDiagram(notify.url())), "");
    }

    @AfterEach
    void stopServer() {
        notify.close();
    }

    @Test
    void aDependencyThatWouldCloseACycleIsRefusedNamingTheCycle() {
        String a = atDefine();
        String b = atDefine();
        String c = atDefine();
        assertEquals(201, depend(a, "define", b, "define").status());
        assertEquals(201, depend(b, "define", c, "define").status());

        ApiClient.Response refused = depend(c, "define", a, "define");
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("CONFLICT", refused.code());
        String message = refused.body().path("message").asText();
        for (String job : List.of(a, b, c)) {
            assertTrue(message.contains("step 'define' of job '" + job + "'"), message);
        }
        assertEquals(3, refused.body().path("details").size(), refused.body().toString());
        assertEquals(0, dependencies(c).size(), "nothing was added");

        ApiClient.Response direct = depend(b, "define", a, "define");
        assertEquals(409, direct.status(), "a two-job cycle too: " + direct.body());
    }

    @Test
    void aChainThatComesBackToALaterStepOfTheSameJobIsACycleButOneBackToAnEarlierStepIsNot() {
        String a = atDefine();
        String b = atDefine();
        assertEquals(201, depend(a, "define", b, "define").status());
        ApiClient.Response later = depend(b, "define", a, "review");
        assertEquals(409, later.status(), "A's review comes after its define, which waits for B's define: " + later.body());
        assertTrue(later.body().path("message").asText().contains("comes after"), later.body().toString());

        String c = atDefine();
        String d = atDefine();
        assertEquals(201, depend(c, "review", d, "define").status());
        assertEquals(201, depend(d, "define", c, "define").status(), "C's define comes before its review: no cycle");
    }

    @Test
    void aDependencyOnAFinishedStepAClosedJobADeletedJobOrAStepNotInTheDiagramIsRefused() {
        String waiting = atDefine();
        String done = atDefine();
        driver.finishOk(done, "define", null);
        driver.awaitCurrent(done, "review");
        ApiClient.Response finished = depend(waiting, "define", done, "define");
        assertEquals(409, finished.status(), finished.body().toString());
        assertTrue(finished.body().path("message").asText().contains("finished already"), finished.body().toString());
        assertEquals("dependsOn.stepId", finished.body().path("target").asText());
        assertEquals(201, depend(waiting, "define", done, "review").status(), "a current step can still finish");

        assertEquals(400, depend(waiting, "define", done, "teleport").status());
        driver.api.post(driver.path("/jobs/close"), driver.admin, "{\"jobIds\": [\"" + done + "\"]}");
        assertEquals(409, depend(waiting, "edit", done, "publish").status(), "a closed job's steps do not finish");
        String deleted = atDefine();
        driver.api.post(driver.path("/jobs/delete"), driver.admin, "{\"jobIds\": [\"" + deleted + "\"]}");
        assertEquals(400, depend(waiting, "define", deleted, "define").status());
        assertEquals(1, dependencies(waiting).size(), "only the one on a current step was added");
    }

    @Test
    void deletingAJobReleasesTheStepsThatWaitForIt() {
        String waiting = atDefine();
        String other = atDefine();
        assertEquals(201, depend(waiting, "define", other, "define").status());
        driver.api.post(driver.path("/jobs/delete"), driver.admin, "{\"jobIds\": [\"" + other + "\"]}");
        assertEquals(0, dependencies(waiting).size());
        driver.finishOk(waiting, "define", null);
    }

    @Test
    void twoDependenciesAddedAtOnceThatTogetherCloseACycleAreNotBothAdded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String a = atDefine();
                String b = atDefine();
                CountDownLatch go = new CountDownLatch(1);
                Future<ApiClient.Response> first = pool.submit(() -> {
                    go.await();
                    return depend(a, "define", b, "define");
                });
                Future<ApiClient.Response> second = pool.submit(() -> {
                    go.await();
                    return depend(b, "define", a, "define");
                });
                go.countDown();
                int one = first.get(60, TimeUnit.SECONDS).status();
                int other = second.get(60, TimeUnit.SECONDS).status();
                assertFalse(one == 201 && other == 201, "round " + round + ": both halves of the cycle were added");
                assertTrue(List.of(201, 409).contains(one) && List.of(201, 409).contains(other), one + " and " + other);
                assertEquals(1, dependencies(a).size() + dependencies(b).size(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String atDefine() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        return jobId;
    }

    private ApiClient.Response depend(String jobId, String stepId, String onJobId, String onStepId) {
        return driver.api.post(driver.path("/jobs/" + jobId + "/dependencies"), driver.admin,
                "{\"stepId\": \"" + stepId + "\", \"dependsOn\": {\"jobId\": \"" + onJobId + "\", \"stepId\": \"" + onStepId + "\"}}");
    }

    private JsonNode dependencies(String jobId) {
        return driver.api.get(driver.path("/jobs/" + jobId + "/dependencies"), driver.admin).body();
    }
}
