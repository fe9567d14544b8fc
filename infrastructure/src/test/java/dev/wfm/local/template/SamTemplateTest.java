package dev.wfm.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** template.yaml as the local cloud reads it: the same file `sam deploy` uses. */
class SamTemplateTest {
    private final SamTemplate template = load();

    private static SamTemplate load() {
        try {
            return SamTemplate.load(SamTemplate.locate(Path.of("")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyFunctionOfTheDesignIsDeclared() {
        List<String> ids = template.functions().stream().map(FunctionSpec::logicalId).sorted().toList();
        assertEquals(List.of("ArcGisApiFunction", "AttachmentsFunction", "ConfigApiFunction", "EventFanOutFunction", "ItemDeletionFunction", "JobApiFunction",
                "JobBatchFunction", "JobCountsFunction", "JobCreationFunction", "SchedulerFunction", "SearchFunction", "StepActionsFunction", "StepActivationFunction",
                "StepWorkerFunction", "WebSocketFunction", "WebhooksFunction"), ids);
    }

    @Test
    void theWebSocketApisRoutesReachTheWebSocketFunctionOnItsStage() {
        WebSocketApiSpec api = WebSocketApiSpec.of(template).orElseThrow();
        assertEquals("live", api.stage());
        assertEquals("$request.body.action", api.routeSelectionExpression());
        assertEquals(Map.of("$connect", "WebSocketFunction", "$disconnect", "WebSocketFunction", "subscribe", "WebSocketFunction",
                "unsubscribe", "WebSocketFunction", "stepInfoResponse", "WebSocketFunction", "$default", "WebSocketFunction"),
                api.functionsByRoute());
    }

    @Test
    void joinsAndStagesResolveAsCloudFormationResolvesThem() throws Exception {
        SamTemplate local = SamTemplate.load(SamTemplate.locate(Path.of("")), dev.wfm.local.LocalCloud.PARAMETERS);
        Map<String, String> env = local.functions().stream().filter(f -> f.logicalId().equals("WebSocketFunction")).findFirst()
                .orElseThrow().environment();
        assertEquals(dev.wfm.local.auth.DevTokens.AUDIENCE, env.get("JWT_AUDIENCE"), "a list parameter joined");
        assertEquals(dev.wfm.local.auth.DevTokens.ISSUER, env.get("JWT_ISSUER"));
        assertTrue(env.get("WEBSOCKET_CALLBACK_URL").endsWith("/live"), "a stage's Ref is its name: " + env.get("WEBSOCKET_CALLBACK_URL"));
    }

    /** Validation refuses a longer web request attempt than the worker function has time for. */
    @Test
    void theStepWorkerHasTimeForTheLongestWebRequestAttemptValidationAllows() {
        Map<String, Object> worker = SamTemplate.cast(SamTemplate.cast(template.resources().get("StepWorkerFunction")).get("Properties"));
        int timeout = ((Number) worker.get("Timeout")).intValue();
        assertTrue(timeout >= dev.wfm.diagrams.Step.Request.MAX_TIMEOUT_SECONDS + 20,
                "StepWorkerFunction Timeout " + timeout + " s leaves room above " + dev.wfm.diagrams.Step.Request.MAX_TIMEOUT_SECONDS + " s");
    }

    @Test
    void parameterOverridesTakeThePlaceOfDefaultsAsTheLocalCloudSetsThem() throws Exception {
        assertEquals("", function("StepWorkerFunction").environment().get("OUTBOUND_ALLOWED_HOSTS"), "by default only public addresses");
        SamTemplate local = SamTemplate.load(SamTemplate.locate(Path.of("")), dev.wfm.local.LocalCloud.PARAMETERS);
        for (String id : List.of("StepWorkerFunction", "SchedulerFunction")) {
            assertEquals("localhost,127.0.0.1,::1", local.functions().stream().filter(f -> f.logicalId().equals(id)).findFirst()
                    .orElseThrow().environment().get("OUTBOUND_ALLOWED_HOSTS"), id);
        }
    }

    @Test
    void intrinsicsResolveToLocalNamesAndArns() {
        Map<String, String> env = function("ConfigApiFunction").environment();
        assertEquals("WorkflowTable", env.get("TABLE_NAME"));
        assertEquals("admins", env.get("SYSTEM_ADMIN_GROUP"));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:StepActivationFunction:live", env.get("STEP_ACTIVATION_FUNCTION_ARN"));
        assertEquals("arn:aws:iam::000000000000:role/StepFunctionsRole", env.get("STATES_ROLE_ARN"));
        assertEquals("wfm-local-", env.get("STATE_MACHINE_PREFIX"));
    }

    @Test
    void aFunctionsTimeoutIsItsOwnElseTheGlobalOne() {
        assertEquals(120, function("StepWorkerFunction").timeoutSeconds());
        assertEquals(30, function("ConfigApiFunction").timeoutSeconds());
    }

    @Test
    void bucketsAreProvisionedAndReferencedUnderLowerCaseNames() {
        assertEquals(List.of("attachmentsbucket", "webappbucket"), template.buckets().stream().sorted().toList());
        assertEquals("attachmentsbucket", function("AttachmentsFunction").environment().get("ATTACHMENTS_BUCKET"));
        assertEquals("attachmentsbucket", function("JobApiFunction").environment().get("ATTACHMENTS_BUCKET"));
    }

    /** Besides health and webhook deliveries, only the ArcGIS-compatible routes, whose function verifies the token itself (?token=). */
    @Test
    void healthWebhookDeliveriesAndTheArcGisRoutesAreTheOnlyRoutesWithoutTheAuthorizer() {
        List<String> open = template.functions().stream()
                .filter(f -> !f.logicalId().equals("ArcGisApiFunction"))
                .flatMap(f -> f.routes().stream())
                .filter(route -> !route.authorized())
                .map(FunctionSpec.RouteSpec::routeKey)
                .sorted()
                .toList();
        assertEquals(List.of("$default", "GET /health", "POST /hooks/{webhookId}"), open);
        FunctionSpec arcgis = function("ArcGisApiFunction");
        assertEquals(10, arcgis.routes().size());
        arcgis.routes().forEach(route -> {
            assertFalse(route.authorized(), route.routeKey());
            assertTrue(route.path().startsWith("/{orgId}/{itemId}/"), route.routeKey());
        });
        assertEquals(Set.of("JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL"), Set.copyOf(arcgis.environment().keySet().stream()
                .filter(name -> name.startsWith("JWT_")).toList()), "it verifies tokens as the WebSocket function does");
    }

    @Test
    void theSchedulerTicksEveryMinute() {
        assertEquals(List.of("rate(1 minute)"), function("SchedulerFunction").schedules());
    }

    @Test
    void theTableHasItsKeysAndIndexes() {
        TableSpec table = template.tables().get(0);
        assertEquals("WorkflowTable", table.name());
        assertEquals(new TableSpec.Key("pk", "sk"), table.key());
        Map<String, TableSpec.Key> indexes = table.indexes().stream().collect(Collectors.toMap(TableSpec.Index::name, TableSpec.Index::key));
        assertEquals(new TableSpec.Key("duePk", "dueAt"), indexes.get("DueIndex"));
        assertTrue(indexes.containsKey("gsi1"));
    }

    @Test
    void theEventFanOutReadsTheTablesStreamWithBoundedRetriesIntoADeadLetterQueue() {
        assertEquals("NEW_AND_OLD_IMAGES", template.tables().get(0).streamViewType(), "the job counts need a change's image before it");
        assertEquals(List.of(), function("SchedulerFunction").streams());
        StreamSource stream = function("EventFanOutFunction").streams().get(0);
        assertEquals("WorkflowTable", stream.table());
        assertEquals("TRIM_HORIZON", stream.startingPosition());
        assertTrue(stream.reportBatchItemFailures());
        assertTrue(stream.maximumRetryAttempts() >= 0, "retries are bounded");
        assertTrue(stream.bisectBatchOnFunctionError());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:EventDeadLetterQueue", stream.onFailure());
        assertEquals(List.of("{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"events\": {\"S\": [{\"exists\": true}]}}}}",
                "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"event\": {\"S\": [{\"exists\": true}]}}}}"),
                stream.filterPatterns());
    }

    @Test
    void theJobCountsReadJobRecordsChangesFromTheStream() {
        StreamSource stream = function("JobCountsFunction").streams().get(0);
        assertTrue(stream.reportBatchItemFailures());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:EventDeadLetterQueue", stream.onFailure());
        assertEquals(List.of("{\"dynamodb\": {\"NewImage\": {\"gsi1pk\": {\"S\": [{\"suffix\": \"#JOBS\"}]}}}}",
                "{\"dynamodb\": {\"OldImage\": {\"gsi1pk\": {\"S\": [{\"suffix\": \"#JOBS\"}]}}}}"), stream.filterPatterns());
    }

    private FunctionSpec function(String id) {
        return template.functions().stream().filter(f -> f.logicalId().equals(id)).findFirst().orElseThrow();
    }
}
