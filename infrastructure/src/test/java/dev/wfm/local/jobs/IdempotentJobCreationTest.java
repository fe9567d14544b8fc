package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.ApiClient;
import dev.wfm.local.TestTable;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An Idempotency-Key stands for one request: its retry answers the first result, another request under it is refused. */
class IdempotentJobCreationTest {
    private final JobsDriver driver = new JobsDriver();
    private final String templateId = driver.template(driver.diagram(JobsDriver.exampleDiagram("http://127.0.0.1:9/unused")), "");

    @Test
    void aKeyReusedWithADifferentBodyIsRefusedWith422AndCreatesNothingWhileTheSameBodyAnswersTheFirstResult() {
        ApiClient.Response first = create("order-7", "{\"jobTemplateId\": \"" + templateId + "\", \"jobName\": \"First\", \"numberOfJobs\": 2}");
        assertEquals(201, first.status(), first.body().toString());
        int jobs = TestTable.jobCount(driver.itemId);

        // the same request, its JSON laid out differently: a retry
        ApiClient.Response retry = create("order-7", "{ \"numberOfJobs\" : 2,\n  \"jobName\": \"First\", \"jobTemplateId\": \"" + templateId + "\" }");
        assertEquals(201, retry.status(), retry.body().toString());
        assertEquals(first.body().path("jobIds"), retry.body().path("jobIds"));

        ApiClient.Response other = create("order-7", "{\"jobTemplateId\": \"" + templateId + "\", \"jobName\": \"Second\", \"numberOfJobs\": 2}");
        assertEquals(422, other.status(), other.body().toString());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.code(), other.body().toString());
        assertEquals("Idempotency-Key", other.body().path("target").asText());
        assertTrue(other.body().path("jobIds").isMissingNode(), other.body().toString());
        assertEquals(jobs, TestTable.jobCount(driver.itemId));
        assertEquals("First", driver.get(first.body().path("jobIds").path(0).asText()).path("jobName").asText());
    }

    private ApiClient.Response create(String key, String body) {
        HttpRequest request = HttpRequest.newBuilder(driver.cloud.endpoints().api().resolve(driver.path("/jobs")))
                .header("Authorization", "Bearer " + driver.admin).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), JobsDriver.MAPPER.readTree(response.body()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
