package dev.wfm.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.TableRecords;
import dev.wfm.local.TestCloud;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Bad input, as a fuzzer found it: each request is refused in the error model, never with a 5xx,
 * and changes nothing in the item's records.
 */
class RefusedInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DIAGRAM = """
            {"name": "Two steps", "start": "a",
             "steps": [{"id": "a", "name": "A", "type": "manual"}, {"id": "b", "name": "B", "type": "manual"}, {"id": "z", "name": "Z", "type": "end"}],
             "paths": [{"from": "a", "to": "b"}, {"from": "b", "to": "z"}]}""";
    private final LocalCloud cloud = TestCloud.get();
    private final ApiClient api = TestCloud.api();
    private final String admin = cloud.adminToken();
    private final TableRecords table = new TableRecords(cloud.endpoints().dynamodb());
    private String itemId;
    private String diagramId;
    private String templateId;

    @BeforeEach
    void item() {
        itemId = api.post("/items", admin, "{\"name\": \"Refused input\", \"roles\": {\"admin\": [\"admins\"]}}").created().path("itemId").asText();
        diagramId = api.post(path("/diagrams"), admin, DIAGRAM).created().path("diagramId").asText();
        templateId = api.post(path("/job-templates"), admin, "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\"}")
                .created().path("jobTemplateId").asText();
    }

    @AfterEach
    void close() {
        table.close();
    }

    @Test
    void aFieldTheRouteDoesNotKnowIsRefusedNamingItWhileWhatAGetAnswersIsAcceptedBack() {
        refused(400, "shareWith", () -> api.post(path("/job-templates"), admin,
                "{\"name\": \"t2\", \"diagramId\": \"" + diagramId + "\", \"shareWith\": [\"everyone\"]}"));
        refused(400, "distance", () -> api.post(path("/jobs/search"), admin,
                "{\"geometry\": {\"x\": 1, \"y\": 2}, \"distance\": 500}"));
        String jobId = job();
        refused(400, "dependsOn.after", () -> api.post(path("/jobs/" + jobId + "/dependencies"), admin,
                "{\"stepId\": \"a\", \"dependsOn\": {\"jobId\": \"x\", \"stepId\": \"a\", \"after\": true}}"));
        long revision = api.get(path("/jobs/" + jobId), admin).body().path("revision").asLong();
        refused(400, "extendedProperties[0].label", () -> api.send("PUT", path("/jobs/" + jobId), admin, "{\"revision\": " + revision
                + ", \"extendedProperties\": [{\"identifier\": \"t.f\", \"value\": 1, \"label\": \"x\"}]}"));
        ApiClient.Response unknownMember = refused(400, "diagram", () -> api.post(path("/diagrams"), admin,
                DIAGRAM.replace("\"type\": \"end\"}", "\"type\": \"end\", \"colour\": \"red\"}")));
        assertEquals("steps[2].colour", unknownMember.body().path("details").path(0).path("target").asText(), unknownMember.body().toString());
        assertTrue(api.post(path("/job-templates"), admin, "{\"name\": \"t3\", \"diagramId\": \"" + diagramId + "\"}").status() == 201,
                "the same body without the unknown field is accepted");

        // a document as a GET answers it (its id, revision, version) is accepted back: read, change, write
        ObjectNode template = (ObjectNode) api.get(path("/job-templates/" + templateId), admin).body();
        template.put("name", "renamed");
        ApiClient.Response updated = api.send("PUT", path("/job-templates/" + templateId), admin, template.toString());
        assertEquals(200, updated.status(), updated.body().toString());
        assertEquals("renamed", updated.body().path("name").asText());

        JsonNode lookup = api.get(path("/lookups/priorities"), admin).body();
        ApiClient.Response replaced = api.send("PUT", path("/lookups/priorities"), admin, lookup.toString());
        assertEquals(200, replaced.status(), replaced.body().toString());

        JsonNode drawn = api.get(path("/diagrams/" + diagramId), admin).body();
        ApiClient.Response published = api.send("PUT", path("/diagrams/" + diagramId), admin, drawn.toString());
        assertEquals(200, published.status(), published.body().toString());
        assertEquals(2, published.body().path("version").asInt());
    }

    @Test
    void aNumberThatMustBeWholeIsNeverRoundedNorWrapped() {
        refused(400, "revision", () -> api.send("PUT", path("/job-templates/" + templateId), admin,
                "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\", \"revision\": 3.9}"));
        refused(400, "numberOfJobs", () -> api.post(path("/jobs"), admin,
                "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": 4294967297}"));
        refused(400, "dueDays", () -> api.post(path("/job-templates"), admin,
                "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\", \"dueDays\": 2.5}"));
        refused(400, "num", () -> api.post(path("/jobs/search"), admin, "{\"num\": 10.5}"));
        refused(400, "parameters.timeoutSeconds", () -> api.post(path("/tasks"), admin,
                "{\"title\": \"t\", \"expression\": \"rate(365 days)\", \"action\": \"callUrl\", "
                        + "\"parameters\": {\"url\": \"https://example.org\", \"timeoutSeconds\": 4294967297}}"));
    }

    @Test
    void anIdTooLongForAKeyIsNotFoundOrRefusedNeverAServerError() {
        String longId = "i".repeat(2100);
        // 300 emoji: 600 UTF-16 units, 1,200 bytes of UTF-8 (more than a sort key takes), a URL the gateway still passes on
        String emoji = "\uD83D\uDE00".repeat(300);
        for (String path : new String[] {"/items/" + longId, "/items/" + longId + "/jobs/x", path("/jobs/" + "j".repeat(1100)),
                path("/jobs/" + encoded(emoji)), path("/job-templates/" + "t".repeat(1100)), "/hooks/" + "h".repeat(2100)}) {
            ApiClient.Response response = path.startsWith("/hooks") ? api.post(path, null, "{}") : api.get(path, admin);
            assertEquals(404, response.status(), path.substring(0, 40) + ": " + response.body());
            assertEquals("NOT_FOUND", response.code());
        }
        ApiClient.Response overLong = api.get(path("/jobs/" + encoded("\uD83D\uDE00".repeat(1100))), admin);
        assertEquals(414, overLong.status(), "a URL longer than the gateway takes is refused there: " + overLong.body());
        assertEquals("INVALID_ARGUMENT", overLong.code());
        refused(400, "Idempotency-Key", () -> api.send("POST", path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\"}",
                Map.of("Idempotency-Key", "k".repeat(1100))));
        refused(400, "jobIds[0]", () -> api.post(path("/jobs/close"), admin, "{\"jobIds\": [\"" + "j".repeat(1100) + "\"]}"));
        refused(400, "extendedPropertyTables[0]", () -> api.post(path("/job-templates"), admin,
                "{\"name\": \"t\", \"diagramId\": \"" + diagramId + "\", \"extendedPropertyTables\": [\"" + "p".repeat(1100) + "\"]}"));
        ApiClient.Response search = api.post(path("/jobs/search"), admin, "{\"q\": \"assignedTo = '" + "a".repeat(3000) + "'\"}");
        assertEquals(200, search.status(), "a value too long for an index key matches nothing: " + search.body());
        assertEquals(0, search.body().path("total").asInt());
    }

    @Test
    void aRecordTooLargeForDynamoDbIsRefusedBeforeAnythingIsWritten() {
        String huge = "x".repeat(450_000);
        refused(413, "mapping", () -> api.post(path("/webhooks"), admin, "{\"name\": \"w\", \"jobTemplateId\": \"" + templateId
                + "\", \"kind\": \"generic\", \"security\": \"secret\", \"mapping\": {\"jobName\": \"" + huge + "\"}}"));
        refused(413, "parameters.body", () -> api.post(path("/tasks"), admin, "{\"title\": \"t\", \"expression\": \"rate(365 days)\", "
                + "\"action\": \"callUrl\", \"parameters\": {\"url\": \"https://example.org\", \"body\": {\"text\": \"" + huge + "\"}}}"));
        refused(400, "overrides.jobName", () -> api.post(path("/job-templates/" + templateId + "/schedules"), admin,
                "{\"expression\": \"rate(365 days)\", \"overrides\": {\"jobName\": \"" + huge + "\"}}"));
        refused(413, "body", () -> api.post(path("/searches"), admin, "{\"name\": \"s\", \"sharedWith\": ["
                + String.join(",", java.util.Collections.nCopies(4000, "\"" + "g".repeat(150) + "\"")) + "]}"));
        StringBuilder fields = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            fields.append(i == 0 ? "" : ", ").append("{\"name\": \"f").append(i).append("\", \"type\": \"string\"}");
            values.append(i == 0 ? "" : ", ").append("\"wide.f").append(i).append("\": \"").append("v".repeat(4000)).append("\"");
        }
        api.post(path("/extended-property-tables"), admin, "{\"name\": \"wide\", \"fields\": [" + fields + "]}").created();
        String wideTemplate = api.post(path("/job-templates"), admin, "{\"name\": \"wide\", \"diagramId\": \"" + diagramId
                + "\", \"extendedPropertyTables\": [\"wide\"]}").created().path("jobTemplateId").asText();
        refused(413, "extendedProperties", () -> api.send("POST", path("/jobs"), admin, "{\"jobTemplateId\": \"" + wideTemplate
                + "\", \"extendedProperties\": {" + values + "}}", Map.of("Idempotency-Key", "wide-1")));
        StringBuilder ring = new StringBuilder("[");
        for (int i = 0; i < 40_000; i++) {
            ring.append("[").append(i % 2 == 0 ? "0.001" : "0.002").append(",").append(i * 0.00001).append("],");
        }
        ring.append("[0.001,0]]");
        refused(413, "location", () -> api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId
                + "\", \"location\": {\"type\": \"LineString\", \"coordinates\": " + ring + "}}"));
    }

    @Test
    void aDiagramThatSealingItsSecretHeadersMakesTooLargeIsRefusedBeforeItsStateMachineIsMade() {
        // 320 KB as given (a diagram may have 350 KB); sealed, the secret takes a third more
        String diagram = DIAGRAM.replace("{\"id\": \"b\", \"name\": \"B\", \"type\": \"manual\"}", "{\"id\": \"b\", \"name\": \"B\", "
                + "\"type\": \"webRequest\", \"request\": {\"method\": \"POST\", \"url\": \"https://example.org/b\", "
                + "\"headers\": {\"Authorization\": \"" + "s".repeat(320 * 1024) + "\"}}}");
        try (SfnClient sfn = SfnClient.builder().endpointOverride(cloud.endpoints().stepfunctions()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            Supplier<Long> machines = () -> sfn.listStateMachinesPaginator(builder -> {}).stateMachines().stream()
                    .filter(machine -> machine.name().contains(itemId)).count();
            long before = machines.get();
            refused(413, "body", () -> api.post(path("/diagrams"), admin, diagram));
            refused(413, "body", () -> api.send("PUT", path("/diagrams/" + diagramId), admin, diagram));
            assertEquals(before, machines.get(), "no state machine was made for the refused diagram");
        }
    }

    @Test
    void aStepNameOfAThousandEmojiCompilesToStateNamesStepFunctionsAccepts() {
        String diagram = DIAGRAM.replace("\"name\": \"A\"", "\"name\": \"" + "\uD83D\uDE00".repeat(1000) + "\"");
        ApiClient.Response created = api.post(path("/diagrams"), admin, diagram);
        assertEquals(201, created.status(), created.body().toString());
        JsonNode definition = api.get(path("/diagrams/" + created.body().path("diagramId").asText() + "/definition"), admin).body();
        definition.path("States").fieldNames().forEachRemaining(name -> assertTrue(name.length() <= 80, name));
    }

    @Test
    void anImportRefusedForAnyOfItsPartsWritesNoneOfThem() throws Exception {
        ObjectNode document = (ObjectNode) api.get(path("/config"), admin).body();
        ((ObjectNode) document.path("lookups")).putArray("priorities").add("Only");
        ((ObjectNode) document.path("lookupSettings").path("priorities")).put("defaultValue", "Only");
        ObjectNode template = (ObjectNode) document.withArray("jobTemplates").get(0);
        document.withArray("jobTemplates").add(template.deepCopy().put("jobTemplateId", "t1").put("name", 7));
        document.withArray("jobTemplates").add(template.deepCopy().put("jobTemplateId", "t2").put("priority", "Medium"));
        ObjectNode withTable = template.deepCopy().put("jobTemplateId", "t3");
        withTable.putArray("extendedPropertyTables").add("nosuchtable");
        document.withArray("jobTemplates").add(withTable);
        document.withArray("jobTemplates").add(template.deepCopy().put("jobTemplateId", "t4").put("diagramId", "not-in-the-document"));
        ApiClient.Response refused = refused(400, "jobTemplates[1].name", () -> api.post(path("/config/import"), admin, document.toString()));
        assertEquals(java.util.List.of("jobTemplates[1].name", "jobTemplates[2].priority", "jobTemplates[3].extendedPropertyTables",
                "jobTemplates[4].diagramId"), targets(refused.body().path("details")), refused.body().toString());

        refused(400, "diagrams", () -> api.post(path("/config/import"), admin, "{\"format\": \"wfm-config/1\", \"diagrams\": {\"a\": 1}}"));
        refused(400, "diagrams[0].diagramId", () -> api.post(path("/config/import"), admin,
                "{\"format\": \"wfm-config/1\", \"diagrams\": [{\"versions\": [" + DIAGRAM + "]}], \"lookups\": {\"priorities\": [\"P\"]}}"));
    }

    @Test
    void anImportsLookupsAreCheckedAsALookupReplaceChecksThemWithTheRestOfTheDocument() {
        api.post(path("/job-templates"), admin, "{\"name\": \"urgent\", \"diagramId\": \"" + diagramId + "\", \"priority\": \"High\"}")
                .created();
        ObjectNode document = (ObjectNode) api.get(path("/config"), admin).body();
        ((ObjectNode) document.path("lookups")).putArray("priorities").add("Low").add("Medium");
        ObjectNode settings = (ObjectNode) document.path("lookupSettings");
        ((ObjectNode) settings.path("jobStatuses")).put("closedValue", "Nowhere");
        settings.putObject("statuses");
        ApiClient.Response refused = refused(400, "lookupSettings.statuses", () -> api.post(path("/config/import"), admin, document.toString()));
        assertEquals(java.util.List.of("lookupSettings.statuses", "lookups.priorities", "lookupSettings.jobStatuses.closedValue"),
                targets(refused.body().path("details")), refused.body().toString());
        assertEquals("VALUE_IN_USE", refused.body().path("details").path(1).path("code").asText(), "High is the template's priority");
    }

    @Test
    void scheduleOverridesAreCheckedWhenSavedAsAJobCreationChecksThem() {
        String schedules = path("/job-templates/" + templateId + "/schedules");
        refused(400, "overrides.priority", () -> api.post(schedules, admin,
                "{\"expression\": \"rate(365 days)\", \"overrides\": {\"priority\": \"Bogus\"}}"));
        String scheduleId = api.post(schedules, admin, "{\"expression\": \"rate(365 days)\", \"overrides\": {\"priority\": \"High\"}}")
                .created().path("scheduleId").asText();
        refused(400, "overrides.jobStatus", () -> api.send("PUT", schedules + "/" + scheduleId, admin,
                "{\"overrides\": {\"jobStatus\": \"Nowhere\"}}"));
        refused(400, "parameters.overrides.dueDate", () -> api.post(path("/tasks"), admin, "{\"title\": \"t\", \"expression\": \"rate(365 days)\", "
                + "\"action\": \"createJobs\", \"parameters\": {\"jobTemplateId\": \"" + templateId + "\", \"overrides\": {\"dueDate\": \"soon\"}}}"));
    }

    /** Sends the request and checks it is refused with {@code status} at {@code target}, the item's records unchanged. */
    private ApiClient.Response refused(int status, String target, Supplier<ApiClient.Response> request) {
        SortedMap<String, String> before = TableRecords.writtenByRequests(table.partition("ITEM#" + itemId));
        ApiClient.Response response = request.get();
        assertEquals(status, response.status(), response.body().toString());
        assertEquals(target, response.body().path("target").asText(), response.body().toString());
        assertEquals(java.util.Set.of(), TableRecords.changed(before, TableRecords.writtenByRequests(table.partition("ITEM#" + itemId))),
                "a refused request wrote these records: " + response.body());
        return response;
    }

    private static java.util.List<String> targets(JsonNode details) {
        java.util.List<String> targets = new java.util.ArrayList<>();
        details.forEach(detail -> targets.add(detail.path("target").asText()));
        return targets;
    }

    /** A new job, once its execution has made its first step current (so nothing more is written for it meanwhile). */
    private String job() {
        String jobId = api.post(path("/jobs"), admin, "{\"jobTemplateId\": \"" + templateId + "\"}").created().path("jobIds").path(0).asText();
        Await.until(() -> {
            JsonNode job = api.get(path("/jobs/" + jobId), admin).body();
            return job.path("currentSteps").size() == 1 && job.path("pendingExecutionCalls").asInt() == 0;
        }, 20_000, "job " + jobId + " at its first step, its execution started");
        return jobId;
    }

    private String path(String suffix) {
        return "/items/" + itemId + suffix;
    }

    private static String encoded(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
