package dev.wfm.local.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Fixtures;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TestCloud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The configuration API of a workflow item, through the local HTTP API and Step Functions service. */
class ConfigurationApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private final String diagram = Fixtures.text("diagrams/address-verification.json");
    private String itemId;

    @BeforeEach
    void newItem() {
        itemId = api.post("/items", admin, "{\"name\": \"Config test\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"workers\"]}}")
                .body().path("itemId").asText();
    }

    @Test
    void creatingADiagramStoresVersionOneAndPublishesItsStateMachine() throws Exception {
        ApiClient.Response created = api.post(path("/diagrams"), admin, diagram);
        assertEquals(201, created.status(), created.body().toString());
        String diagramId = created.body().path("diagramId").asText();
        assertEquals(1, created.body().path("version").asInt());

        JsonNode stored = api.get(path("/diagrams/" + diagramId), admin).body();
        assertEquals("Address verification", stored.path("name").asText());
        assertEquals(1, stored.path("version").asInt());
        assertEquals(8, stored.path("steps").size());

        JsonNode definition = api.get(path("/diagrams/" + diagramId + "/definition"), admin).body();
        assertEquals("JSONata", definition.path("QueryLanguage").asText());
        try (SfnClient sfn = sfn()) {
            String name = "wfm-local-" + itemId + "-" + diagramId + "-v1-";
            assertTrue(sfn.listStateMachinesPaginator(b -> {}).stateMachines().stream().anyMatch(machine -> machine.name().startsWith(name)),
                    "the state machine " + name + "... exists on the Step Functions service");
        }
    }

    @Test
    void aNewVersionKeepsTheOldOneForTheJobsThatRunOnIt() {
        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        ObjectNode renamed = (ObjectNode) read(diagram);
        renamed.put("name", "Address verification v2");
        ApiClient.Response second = api.send("PUT", path("/diagrams/" + diagramId), admin, renamed.toString());
        assertEquals(200, second.status(), second.body().toString());
        assertEquals(2, second.body().path("version").asInt());

        assertEquals("Address verification v2", api.get(path("/diagrams/" + diagramId), admin).body().path("name").asText());
        assertEquals("Address verification", api.get(path("/diagrams/" + diagramId + "?version=1"), admin).body().path("name").asText());
        assertEquals(2, api.get(path("/diagrams/" + diagramId + "/versions"), admin).body().path("versions").size());
        assertEquals(200, api.get(path("/diagrams/" + diagramId + "/definition?version=1"), admin).status());
        assertEquals(404, api.get(path("/diagrams/" + diagramId + "?version=3"), admin).status());
        assertEquals(400, api.get(path("/diagrams/" + diagramId + "?version=zero"), admin).status());
    }

    @Test
    void tenConcurrentNewVersionsAreEachAnsweredWithoutAServerErrorAndNoVersionIsSkippedOrDoubled() throws Exception {
        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        List<ApiClient.Response> answers = concurrently(10, n -> {
            ObjectNode next = (ObjectNode) read(diagram);
            next.put("name", n % 2 == 0 ? "The same new version" : "Version by writer " + n);
            return api.send("PUT", path("/diagrams/" + diagramId), admin, next.toString());
        });

        List<Integer> published = new ArrayList<>();
        for (ApiClient.Response answer : answers) {
            assertTrue(answer.status() == 200 || answer.status() == 409, "200 or 409, never a server error: " + answer);
            if (answer.status() == 200) {
                published.add(answer.body().path("version").asInt());
            } else {
                assertEquals("CONFLICT", answer.code(), answer.body().toString());
            }
        }
        published.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int v = 2; v < 2 + published.size(); v++) {
            expected.add(v);
        }
        assertEquals(expected, published, "each winner got its own next version");
        JsonNode versions = api.get(path("/diagrams/" + diagramId + "/versions"), admin).body().path("versions");
        assertEquals(1 + published.size(), versions.size(), versions.toString());
        for (JsonNode version : versions) {
            assertEquals(200, api.get(path("/diagrams/" + diagramId + "/definition?version=" + version.path("version").asInt()), admin).status(),
                    "version " + version.path("version") + " still has its state machine");
        }
        assertEquals(1 + published.size(), api.get(path("/diagrams/" + diagramId), admin).body().path("version").asInt());
    }

    @Test
    void concurrentEditsOfTemplatesLookupsAndPropertyTablesHaveOneWinnerAndTheOthersGet409() throws Exception {
        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        List<ApiClient.Response> creates = concurrently(10, n -> api.post(path("/job-templates"), admin,
                "{\"name\": \"Template " + n + "\", \"diagramId\": \"" + diagramId + "\", \"priority\": \"High\"}"));
        creates.forEach(ApiClient.Response::created);
        String templateId = creates.get(0).body().path("jobTemplateId").asText();
        api.post(path("/extended-property-tables"), admin, "{\"name\": \"parcel\", \"fields\": [{\"name\": \"apn\", \"type\": \"string\"}]}").created();

        long template = api.get(path("/job-templates/" + templateId), admin).body().path("revision").asLong();
        long lookup = api.get(path("/lookups/priorities"), admin).body().path("revision").asLong();
        long table = api.get(path("/extended-property-tables/parcel"), admin).body().path("revision").asLong();
        assertOneWinner(concurrently(10, n -> api.send("PUT", path("/job-templates/" + templateId), admin, "{\"revision\": " + template
                + ", \"name\": \"Renamed " + n + "\", \"diagramId\": \"" + diagramId + "\", \"priority\": \"Low\"}")));
        assertOneWinner(concurrently(10, n -> api.send("PUT", path("/lookups/priorities"), admin, "{\"revision\": " + lookup
                + ", \"values\": [\"Low\", \"High\", \"P" + n + "\"]}")));
        assertOneWinner(concurrently(10, n -> api.send("PUT", path("/extended-property-tables/parcel"), admin, "{\"revision\": " + table
                + ", \"name\": \"parcel\", \"fields\": [{\"name\": \"apn\", \"type\": \"string\"}, {\"name\": \"f" + n + "\", \"type\": \"string\"}]}")));
        assertEquals(template + 1, api.get(path("/job-templates/" + templateId), admin).body().path("revision").asLong());
        assertEquals(table + 1, api.get(path("/extended-property-tables/parcel"), admin).body().path("revision").asLong());
        concurrently(10, n -> api.post("/items", admin, "{\"name\": \"Concurrent " + n + "\"}")).forEach(ApiClient.Response::created);
    }

    private static void assertOneWinner(List<ApiClient.Response> answers) {
        assertEquals(1, answers.stream().filter(answer -> answer.status() == 200).count(), answers.toString());
        assertTrue(answers.stream().allMatch(answer -> answer.status() == 200 || answer.status() == 409), answers.toString());
    }

    @Test
    void anInvalidDiagramIsRefusedWithEveryProblemAndNothingIsStored() {
        String invalid = """
                {"name": "Broken", "start": "nowhere",
                 "steps": [{"id": "a", "name": "A", "type": "manual"}, {"id": "a", "name": "A again", "type": "manual"},
                           {"id": "b", "name": "B", "type": "manual"}],
                 "paths": [{"from": "a", "to": "ghost"}]}""";
        ApiClient.Response validation = api.post(path("/diagrams/validate"), admin, invalid);
        assertEquals(200, validation.status());
        assertTrue(validation.body().path("errors").size() >= 3, validation.body().toString());

        ApiClient.Response refused = api.post(path("/diagrams"), admin, invalid);
        assertEquals(400, refused.status());
        assertEquals("INVALID_ARGUMENT", refused.code());
        assertEquals(validation.body().path("errors").size(), refused.body().path("details").size());
        assertEquals(0, api.get(path("/diagrams"), admin).body().path("diagrams").size(), "nothing stored");

        ApiClient.Response valid = api.post(path("/diagrams/validate"), admin, diagram);
        assertEquals(0, valid.body().path("errors").size(), valid.body().toString());
    }

    @Test
    void aCreateJobStepNamingAJobTemplateThatDoesNotExistIsAValidationProblemOfValidateCreateAndNewVersion() {
        String spawning = spawningDiagram("no-such-template");
        JsonNode errors = api.post(path("/diagrams/validate"), admin, spawning).body().path("errors");
        assertEquals(List.of("UNKNOWN_JOB_TEMPLATE at spawn"), codesAndTargets(errors));

        ApiClient.Response created = api.post(path("/diagrams"), admin, spawning);
        assertEquals(400, created.status(), created.body().toString());
        assertEquals(List.of("UNKNOWN_JOB_TEMPLATE at spawn"), codesAndTargets(created.body().path("details")));
        assertEquals(0, api.get(path("/diagrams"), admin).body().path("diagrams").size(), "nothing stored");

        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        ApiClient.Response newVersion = api.send("PUT", path("/diagrams/" + diagramId), admin, spawning);
        assertEquals(400, newVersion.status(), newVersion.body().toString());
        assertEquals(List.of("UNKNOWN_JOB_TEMPLATE at spawn"), codesAndTargets(newVersion.body().path("details")));
        assertEquals(1, api.get(path("/diagrams/" + diagramId), admin).body().path("version").asInt());

        String templateId = api.post(path("/job-templates"), admin, "{\"name\": \"Child\", \"diagramId\": \"" + diagramId + "\"}")
                .created().path("jobTemplateId").asText();
        assertEquals(0, api.post(path("/diagrams/validate"), admin, spawningDiagram(templateId)).body().path("errors").size());
        assertEquals(200, api.send("PUT", path("/diagrams/" + diagramId), admin, spawningDiagram(templateId)).status());
    }

    @Test
    void aDiagramOfTheWrongShapeIsRefusedBeforeItsGraphIsChecked() {
        ApiClient.Response refused = api.post(path("/diagrams"), admin, """
                {"name": "Odd", "start": "a", "steps": [{"id": "a", "name": "A", "type": "teleport"}], "paths": []}""");
        assertEquals(400, refused.status());
        assertEquals("UNKNOWN_STEP_TYPE", refused.body().path("details").path(0).path("code").asText());
        assertEquals("steps[0].type", refused.body().path("details").path(0).path("target").asText());
    }

    @Test
    void malformedDiagramBodiesAreRejected() {
        assertEquals(400, api.post(path("/diagrams"), admin, "{\"name\": ").status());
        assertEquals(400, api.post(path("/diagrams"), admin, "{\"name\": \"x\", \"steps\": 7}").status());
        assertEquals(0, api.get(path("/diagrams"), admin).body().path("diagrams").size());
    }

    @Test
    void aDiagramOfAnotherItemIsNotFound() {
        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        String otherItem = api.post("/items", admin, "{\"name\": \"Other\"}").body().path("itemId").asText();
        ApiClient.Response response = api.get("/items/" + otherItem + "/diagrams/" + diagramId, admin);
        assertEquals(404, response.status());
        assertEquals("NOT_FOUND", response.code());
    }

    @Test
    void onlyAdminsChangeConfigurationAndOutsidersSeeNothing() {
        String worker = cloud.token("wanda", List.of("workers"));
        assertEquals(403, api.post(path("/diagrams"), worker, diagram).status());
        assertEquals(200, api.get(path("/diagrams"), worker).status());
        assertEquals(404, api.get(path("/diagrams"), cloud.token("otto", List.of("outsiders"))).status());
    }

    @Test
    void jobTemplatesCarryDefaultsAndADiagramVersionPolicy() {
        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        ApiClient.Response created = api.post(path("/job-templates"), admin, """
                {"name": "Verify address", "diagramId": "%s", "jobName": "Verify", "priority": "High",
                 "assignedType": "Group", "assignedTo": "editors", "description": "Check the address", "dueDays": 5}"""
                .formatted(diagramId));
        assertEquals(201, created.status(), created.body().toString());
        String templateId = created.body().path("jobTemplateId").asText();

        JsonNode template = api.get(path("/job-templates/" + templateId), admin).body();
        assertEquals("High", template.path("priority").asText());
        assertEquals("Group", template.path("assignedType").asText());
        assertEquals(5, template.path("dueDays").asInt());
        assertEquals("latest", template.path("diagramVersionPolicy").asText());

        ObjectNode pinned = (ObjectNode) template.deepCopy();
        pinned.put("diagramVersionPolicy", "pinned").put("diagramVersion", 1);
        ApiClient.Response updated = api.send("PUT", path("/job-templates/" + templateId), admin, pinned.toString());
        assertEquals(200, updated.status(), updated.body().toString());
        assertEquals(1, updated.body().path("diagramVersion").asInt());

        ApiClient.Response stale = api.send("PUT", path("/job-templates/" + templateId), admin, pinned.toString());
        assertEquals(409, stale.status(), "the revision read before the update is stale now");

        assertEquals(409, api.send("DELETE", path("/diagrams/" + diagramId), admin, null).status(), "a template uses the diagram");
        assertEquals(204, api.send("DELETE", path("/job-templates/" + templateId), admin, null).status());
        assertEquals(204, api.send("DELETE", path("/diagrams/" + diagramId), admin, null).status());
        assertEquals(404, api.get(path("/diagrams/" + diagramId), admin).status());
    }

    @Test
    void templateFieldsAreCheckedAgainstTheLookupsAndTheDiagram() {
        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        ApiClient.Response badPriority = api.post(path("/job-templates"), admin,
                "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\", \"priority\": \"Urgent!!\"}");
        assertEquals(400, badPriority.status());
        assertEquals("priority", badPriority.body().path("target").asText());
        assertEquals(400, api.post(path("/job-templates"), admin, "{\"name\": \"t\", \"diagramId\": \"nope\"}").status());
        assertEquals(400, api.post(path("/job-templates"), admin,
                "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\", \"assignedType\": \"Group\"}").status());
        assertEquals(0, api.get(path("/job-templates"), admin).body().path("jobTemplates").size());
    }

    @Test
    void lookupsHaveDefaultsAndCanBeReplacedWithARevisionGuard() {
        JsonNode priorities = api.get(path("/lookups/priorities"), admin).body();
        assertEquals(List.of("Low", "Medium", "High", "Critical"), values(priorities));
        ApiClient.Response replaced = api.send("PUT", path("/lookups/priorities"), admin,
                "{\"revision\": 0, \"values\": [{\"value\": \"P1\", \"label\": \"Urgent\"}, \"P2\"]}");
        assertEquals(200, replaced.status(), replaced.body().toString());
        assertEquals(List.of("P1", "P2"), values(replaced.body()));
        assertEquals(409, api.send("PUT", path("/lookups/priorities"), admin, "{\"revision\": 0, \"values\": [\"P3\"]}").status());
        assertEquals(400, api.send("PUT", path("/lookups/priorities"), admin, "{\"values\": [\"A\", \"A\"]}").status());
        assertEquals(404, api.get(path("/lookups/colours"), admin).status());
    }

    @Test
    void extendedPropertyTablesAreTypedDefinitions() {
        ApiClient.Response created = api.post(path("/extended-property-tables"), admin, """
                {"name": "parcel", "relationship": "oneToOne",
                 "fields": [{"name": "apn", "type": "string", "required": true, "maxLength": 20},
                            {"name": "area", "type": "double"}]}""");
        assertEquals(201, created.status(), created.body().toString());
        JsonNode table = api.get(path("/extended-property-tables/parcel"), admin).body();
        assertEquals(2, table.path("fields").size());
        assertTrue(table.path("fields").path(0).path("required").asBoolean());

        ApiClient.Response invalid = api.post(path("/extended-property-tables"), admin,
                "{\"name\": \"bad\", \"fields\": [{\"name\": \"1x\", \"type\": \"blob\"}]}");
        assertEquals(400, invalid.status());
        assertEquals(2, invalid.body().path("details").size(), invalid.body().toString());
        assertEquals(409, api.post(path("/extended-property-tables"), admin,
                "{\"name\": \"parcel\", \"fields\": [{\"name\": \"x\", \"type\": \"string\"}]}").status());
    }

    @Test
    void anItemsConfigurationExportsAndImportsIntoAnotherItem() {
        String diagramId = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        ObjectNode v2 = (ObjectNode) read(diagram);
        v2.put("name", "Second version");
        api.send("PUT", path("/diagrams/" + diagramId), admin, v2.toString());
        api.post(path("/extended-property-tables"), admin, "{\"name\": \"parcel\", \"fields\": [{\"name\": \"apn\", \"type\": \"string\"}]}");
        api.post(path("/job-templates"), admin, "{\"name\": \"Verify\", \"diagramId\": \"" + diagramId
                + "\", \"diagramVersionPolicy\": \"pinned\", \"diagramVersion\": 1, \"extendedPropertyTables\": [\"parcel\"]}");

        JsonNode exported = api.get(path("/config"), admin).body();
        assertEquals(1, exported.path("diagrams").size());
        assertEquals(2, exported.path("diagrams").path(0).path("versions").size());

        String target = api.post("/items", admin, "{\"name\": \"Copy\"}").body().path("itemId").asText();
        ApiClient.Response imported = api.post("/items/" + target + "/config/import", admin, exported.toString());
        assertEquals(200, imported.status(), imported.body().toString());
        String newDiagram = imported.body().path("diagrams").path(diagramId).asText();
        assertFalse(newDiagram.isEmpty());
        assertEquals("Second version", api.get("/items/" + target + "/diagrams/" + newDiagram, admin).body().path("name").asText());
        JsonNode template = api.get("/items/" + target + "/job-templates", admin).body().path("jobTemplates").path(0);
        assertEquals(newDiagram, template.path("diagramId").asText());
        assertEquals(1, template.path("diagramVersion").asInt());
        assertEquals("parcel", api.get("/items/" + target + "/extended-property-tables/parcel", admin).body().path("name").asText());
    }

    /** Runs {@code writers} requests at once, released together, and answers each one's response. */
    private static List<ApiClient.Response> concurrently(int writers, java.util.function.IntFunction<ApiClient.Response> request)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int n = 0; n < writers; n++) {
                int writer = n;
                futures.add(pool.submit(() -> {
                    go.await();
                    return request.apply(writer);
                }));
            }
            go.countDown();
            List<ApiClient.Response> answers = new ArrayList<>();
            for (var future : futures) {
                answers.add(future.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anImportedCreateJobStepNamesTheImportedTemplate() {
        String childDiagram = api.post(path("/diagrams"), admin, diagram).body().path("diagramId").asText();
        String child = api.post(path("/job-templates"), admin, "{\"name\": \"Child\", \"diagramId\": \"" + childDiagram + "\"}")
                .created().path("jobTemplateId").asText();
        api.post(path("/diagrams"), admin, spawningDiagram(child)).created();

        String target = api.post("/items", admin, "{\"name\": \"Copy\"}").body().path("itemId").asText();
        ApiClient.Response imported = api.post("/items/" + target + "/config/import", admin, api.get(path("/config"), admin).body().toString());
        assertEquals(200, imported.status(), imported.body().toString());
        String newChild = imported.body().path("jobTemplates").path(child).asText();
        JsonNode copies = api.get("/items/" + target + "/diagrams", admin).body().path("diagrams");
        List<String> named = new ArrayList<>();
        copies.forEach(head -> api.get("/items/" + target + "/diagrams/" + head.path("diagramId").asText(), admin).body().path("steps")
                .forEach(step -> named.add(step.path("jobTemplateId").asText(""))));
        assertTrue(named.contains(newChild) && !named.contains(child), "the copy's createJob step names " + newChild + ": " + named);
    }

    private static String spawningDiagram(String jobTemplateId) {
        return """
                {"name": "Spawns a child", "start": "spawn",
                 "steps": [{"id": "spawn", "name": "Spawn", "type": "createJob", "jobTemplateId": "%s"},
                           {"id": "done", "name": "Done", "type": "end"}],
                 "paths": [{"from": "spawn", "to": "done"}]}""".formatted(jobTemplateId);
    }

    private static List<String> codesAndTargets(JsonNode problems) {
        List<String> found = new ArrayList<>();
        problems.forEach(problem -> found.add(problem.path("code").asText() + " at " + problem.path("target").asText()));
        return found;
    }

    private String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> values(JsonNode lookup) {
        List<String> values = new ArrayList<>();
        lookup.path("values").forEach(value -> values.add(value.path("value").asText()));
        return values;
    }

    private SfnClient sfn() {
        return SfnClient.builder()
                .endpointOverride(cloud.endpoints().stepfunctions())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
