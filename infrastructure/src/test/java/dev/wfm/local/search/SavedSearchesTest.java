package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.jobs.Job;
import dev.wfm.local.ApiClient;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import dev.wfm.local.bench.JobSeeder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Saved searches are kept by name, seen by their owner and the groups they are shared with, and run by id. */
class SavedSearchesTest {
    private static final LocalCloud cloud = TestCloud.get();
    private static final ApiClient api = TestCloud.api();
    private static final String admin = cloud.adminToken();
    private static final String amy = cloud.token("amy", List.of("workers", "editors"));
    private static final String bob = cloud.token("bob", List.of("workers"));
    private static String itemId;
    private static List<Job> jobs;

    @BeforeAll
    static void seed() {
        itemId = api.post("/items", admin, "{\"name\": \"Saved searches\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .body().path("itemId").asText();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            jobs = new JobSeeder(dynamo, "WorkflowTable").seed(itemId, 80, 7);
        }
    }

    private static String path(String rest) {
        return "/items/" + itemId + "/searches" + rest;
    }

    @Test
    void aSavedSearchRunsByIdWithItsQueryFieldsAndSortAndThePagingOfTheRun() {
        ApiClient.Response saved = api.post(path(""), amy, """
                {"name": "Open high", "q": "priority = 'High' AND closed = 0", "fields": ["jobId", "jobName"],
                 "sortFields": [{"field": "jobId", "sortOrder": "Desc"}]}""");
        assertEquals(201, saved.status(), saved.body().toString());
        String searchId = saved.body().path("searchId").asText();
        assertEquals("amy", saved.body().path("owner").asText());

        List<String> expected = new ArrayList<>(jobs.stream().filter(job -> job.priority().equals("High") && !job.closed())
                .map(Job::jobId).sorted((a, b) -> b.compareTo(a)).toList());
        JsonNode first = api.post(path("/" + searchId + "/run"), amy, "{\"num\": 5}").body();
        assertEquals(expected.size(), first.path("total").asInt());
        assertEquals(5, first.path("results").size());
        assertEquals(expected.get(0), first.path("results").path(0).path("jobId").asText());
        assertEquals(2, first.path("results").path(0).size(), "only the saved fields");
        JsonNode second = api.post(path("/" + searchId + "/run"), amy, "{\"num\": 5, \"nextToken\": \"" + first.path("nextToken").asText() + "\"}").body();
        assertEquals(expected.get(5), second.path("results").path(0).path("jobId").asText());
    }

    @Test
    void onlyTheOwnerAndTheSharedGroupsSeeASavedSearch() {
        String shared = api.post(path(""), bob, "{\"name\": \"Shared with editors\", \"q\": \"closed = 1\", \"sharedWith\": [\"editors\"]}")
                .body().path("searchId").asText();
        String own = api.post(path(""), bob, "{\"name\": \"Bob's own\", \"search\": \"river\"}").body().path("searchId").asText();

        List<String> amySees = new ArrayList<>();
        api.get(path(""), amy).body().forEach(search -> amySees.add(search.path("searchId").asText()));
        assertTrue(amySees.contains(shared));
        assertTrue(!amySees.contains(own));
        assertEquals(404, api.get(path("/" + own), amy).status());
        assertEquals(404, api.post(path("/" + own + "/run"), amy, "{}").status());
        assertEquals(200, api.post(path("/" + shared + "/run"), amy, "{}").status());
        assertEquals(403, api.send("DELETE", path("/" + shared), amy, null).status(), "seeing is not owning");
        assertEquals(204, api.send("DELETE", path("/" + shared), bob, null).status());
        assertEquals(404, api.get(path("/" + shared), bob).status());
    }

    @Test
    void aSearchThatWouldNotRunIsNotSaved() {
        ApiClient.Response malformed = api.post(path(""), amy, "{\"name\": \"Broken\", \"q\": \"priority = \"}");
        assertEquals(400, malformed.status());
        assertEquals("q", malformed.body().path("target").asText());
        assertEquals(400, api.post(path(""), amy, "{\"q\": \"closed = 0\"}").status());
    }
}
