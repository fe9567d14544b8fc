package dev.wfm.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.Await;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of everything a route can name (item, diagram, template, jobs, table, schedule, task,
 * attachment, saved search, dependency, webhook, a failed delivery of it, notification rule), and for each route
 * that takes a body a valid one, so that generated input that spoils one part of a request
 * reaches deep into its route.
 */
final class Fixture {
    static final String DIAGRAM = """
            {"name": "Fuzzed", "start": "a",
             "steps": [{"id": "a", "name": "A", "type": "manual"},
                       {"id": "b", "name": "B", "type": "question", "question": "Go?",
                        "answers": [{"name": "Yes", "value": "yes"}, {"name": "Call", "value": "call"}]},
                       {"id": "w", "name": "W", "type": "webRequest",
                        "request": {"method": "POST", "url": "http://127.0.0.1:9/w", "timeoutSeconds": 5,
                                    "headers": {"Authorization": "Bearer t", "X-Trace": {"value": "x", "secret": false}}},
                        "retry": {"maxAttempts": 2, "intervalSeconds": 1, "backoffRate": 1.5}},
                       {"id": "z", "name": "Z", "type": "end"}],
             "paths": [{"from": "a", "to": "b"}, {"from": "b", "to": "z", "returnCode": "yes"}, {"from": "b", "to": "w", "returnCode": "call"},
                       {"from": "w", "to": "z"}]}""";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}|\\{(\\w+)\\+?}");

    /** Valid bodies by route key; ${name} stands for the fixture's value of a path parameter name. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /items", "{\"name\": \"Fuzzed\", \"description\": \"d\", \"roles\": {\"admin\": [\"admins\"], \"worker\": [\"w\"]}}"),
            Map.entry("POST /items/{itemId}/diagrams/validate", DIAGRAM),
            Map.entry("POST /items/{itemId}/diagrams/picture", DIAGRAM),
            Map.entry("POST /items/{itemId}/lookup-tables", "{\"name\": \"zoning\", \"values\": [{\"value\": \"Z1\", \"label\": \"z\"}]}"),
            Map.entry("PUT /items/{itemId}/lookup-tables/{lookupTableName}", "{\"name\": \"landUse\", \"values\": [{\"value\": \"R1\"}], \"revision\": 1}"),
            Map.entry("POST /items/{itemId}/web-requests/evaluate", "{\"request\": {\"method\": \"GET\", \"url\": \"http://127.0.0.1:9/try\"}, "
                    + "\"outputs\": {\"a\": \"{% $response.status %}\"}, \"jobId\": \"${jobId}\"}"),
            Map.entry("POST /items/{itemId}/expressions/evaluate", "{\"expression\": \"$job.priority\", \"jobId\": \"${jobId}\", "
                    + "\"returnCode\": \"yes\", \"result\": {\"status\": 200}}"),
            Map.entry("POST /items/{itemId}/diagrams", DIAGRAM),
            Map.entry("PUT /items/{itemId}/diagrams/{diagramId}", DIAGRAM),
            Map.entry("POST /items/{itemId}/job-templates", "{\"name\": \"t\", \"diagramId\": \"${diagramId}\", \"priority\": \"High\", "
                    + "\"dueDays\": 3, \"assignedType\": \"Group\", \"assignedTo\": \"w\", \"extendedPropertyTables\": [\"permit\"]}"),
            Map.entry("PUT /items/{itemId}/job-templates/{jobTemplateId}", "{\"name\": \"t\", \"diagramId\": \"${diagramId}\", "
                    + "\"diagramVersionPolicy\": \"pinned\", \"diagramVersion\": 1, \"extendedPropertyTables\": [\"permit\"], \"revision\": 1}"),
            Map.entry("PUT /items/{itemId}/lookups/{lookupName}", "{\"values\": [{\"value\": \"Low\"}, {\"value\": \"Medium\", "
                    + "\"label\": \"M\"}, {\"value\": \"High\"}, \"Critical\"], \"defaultValue\": \"Medium\"}"),
            Map.entry("POST /items/{itemId}/extended-property-tables", "{\"name\": \"inspection\", \"relationship\": \"oneToMany\", "
                    + "\"fields\": [{\"name\": \"passed\", \"type\": \"boolean\", \"required\": true}]}"),
            Map.entry("PUT /items/{itemId}/extended-property-tables/{tableName}", "{\"name\": \"permit\", "
                    + "\"fields\": [{\"name\": \"number\", \"type\": \"string\", \"maxLength\": 20}, {\"name\": \"fee\", \"type\": \"double\"}], \"revision\": 1}"),
            Map.entry("POST /items/{itemId}/config/import", "{\"format\": \"wfm-config/1\", \"lookups\": {\"jobStatuses\": [\"New\", \"Done\", "
                    + "\"Closed\"]}, \"lookupSettings\": {\"jobStatuses\": {\"defaultValue\": \"New\", \"closedValue\": \"Closed\"}}, "
                    + "\"extendedPropertyTables\": [{\"name\": \"imported\", \"fields\": [{\"name\": \"n\", \"type\": \"integer\"}]}], "
                    + "\"diagrams\": [{\"diagramId\": \"d1\", \"versions\": [" + DIAGRAM + "]}], "
                    + "\"jobTemplates\": [{\"jobTemplateId\": \"t1\", \"name\": \"t\", \"diagramId\": \"d1\", \"jobStatus\": \"Done\"}]}"),
            Map.entry("POST /items/{itemId}/job-templates/{jobTemplateId}/schedules", "{\"expression\": \"rate(365 days)\", \"timezone\": "
                    + "\"Europe/Berlin\", \"startAt\": \"2030-01-01T00:00:00Z\", \"numberOfJobs\": 2, \"overrides\": {\"priority\": \"High\"}}"),
            Map.entry("PUT /items/{itemId}/job-templates/{jobTemplateId}/schedules/{scheduleId}",
                    "{\"enabled\": false, \"numberOfJobs\": 3, \"overrides\": {\"jobName\": \"n\"}}"),
            Map.entry("POST /items/{itemId}/tasks", "{\"title\": \"t\", \"expression\": \"rate(365 days)\", \"action\": \"createJobs\", "
                    + "\"parameters\": {\"jobTemplateId\": \"${jobTemplateId}\", \"numberOfJobs\": 1, \"overrides\": {\"jobName\": \"n\"}}}"),
            Map.entry("PUT /items/{itemId}/tasks/{taskId}", "{\"title\": \"t2\", \"parameters\": {\"url\": \"http://127.0.0.1:9/x\", "
                    + "\"method\": \"PUT\", \"headers\": {\"X-A\": \"b\", \"X-Key\": {\"value\": \"k\", \"secret\": true}}, \"body\": {\"a\": [1, 2]}, \"timeoutSeconds\": 5}}"),
            Map.entry("POST /items/{itemId}/jobs", "{\"jobTemplateId\": \"${jobTemplateId}\", \"numberOfJobs\": 1, \"jobName\": \"n\", "
                    + "\"priority\": \"High\", \"dueDate\": \"2030-01-01T00:00:00Z\", \"extendedProperties\": {\"permit.number\": \"P-1\"}, "
                    + "\"location\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}"),
            Map.entry("POST /items/{itemId}/jobs/{jobId}/attachments",
                    "{\"url\": \"https://example.org/a\", \"name\": \"a.txt\", \"alias\": \"A\", \"folder\": \"f\"}"),
            Map.entry("PUT /items/{itemId}/jobs/{jobId}/attachments/{attachmentId}", "{\"alias\": \"B\", \"folder\": \"g\", \"revision\": 1}"),
            Map.entry("POST /items/{itemId}/jobs/{jobId}/attachments/uploads",
                    "{\"name\": \"a.bin\", \"size\": 10, \"contentType\": \"application/octet-stream\", \"alias\": \"U\"}"),
            Map.entry("POST /items/{itemId}/searches", "{\"name\": \"s\", \"q\": \"closed = 0\", \"fields\": [\"jobId\"], "
                    + "\"sortFields\": [{\"field\": \"jobId\", \"sortOrder\": \"Asc\"}], \"sharedWith\": [\"admins\"]}"),
            Map.entry("POST /items/{itemId}/searches/{searchId}/run", "{\"start\": 0, \"num\": 10, \"explain\": true}"),
            Map.entry("POST /items/{itemId}/jobs/close", "{\"jobIds\": [\"${jobId}\"]}"),
            Map.entry("POST /items/{itemId}/jobs/reopen", "{\"jobIds\": [\"${jobId}\"], \"stepId\": \"a\"}"),
            Map.entry("POST /items/{itemId}/jobs/delete", "{\"jobIds\": [\"${jobId}\"]}"),
            Map.entry("POST /items/{itemId}/jobs/upgrade", "{\"jobIds\": [\"${jobId}\"]}"),
            Map.entry("POST /items/{itemId}/jobs/pause", "{\"jobIds\": [\"${jobId}\"]}"),
            Map.entry("POST /items/{itemId}/jobs/resume", "{\"jobIds\": [\"${jobId}\"]}"),
            Map.entry("PUT /items/{itemId}/privileges", "{\"revision\": 1, \"privileges\": {\"closeJobs\": [\"admin\", \"manager\"]}}"),
            Map.entry("POST /items/{itemId}/jobs/batch", "{\"jobIds\": [\"${jobId}\", \"${otherJobId}\"], "
                    + "\"change\": {\"type\": \"update\", \"priority\": \"Low\", \"assignedType\": \"User\", \"assignedTo\": \"amy\"}}"),
            Map.entry("PUT /items/{itemId}/jobs/{jobId}", "{\"revision\": 3, \"jobName\": \"n\", \"priority\": \"Low\", "
                    + "\"extendedProperties\": [{\"identifier\": \"permit.number\", \"value\": \"P-2\"}], \"relatedProperties\": "
                    + "{\"adds\": [{\"tableName\": \"permit\", \"entries\": [{\"properties\": [{\"propertyName\": \"number\", \"value\": \"x\"}]}]}]}}"),
            Map.entry("POST /items/{itemId}/jobs/{jobId}/comments", "{\"comment\": \"c\"}"),
            Map.entry("POST /items/{itemId}/jobs/{jobId}/dependencies", "{\"stepId\": \"b\", \"dependsOn\": {\"jobId\": \"${otherJobId}\", \"stepId\": \"a\"}}"),
            Map.entry("PUT /items/{itemId}/jobs/{jobId}/location", "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}"),
            Map.entry("POST /items/{itemId}/jobs/{jobId}/action",
                    "{\"type\": \"Hold\", \"stepIds\": [\"a\"], \"comment\": \"c\", \"scheduledRelease\": \"2030-01-01T00:00:00Z\"}"),
            Map.entry("POST /items/{itemId}/jobs/search", "{\"q\": \"closed = 0 AND priority IN ('High', 'Low')\", \"search\": \"n\", "
                    + "\"fields\": [\"jobId\", \"jobName\", \"permit.number\"], \"sortFields\": [{\"field\": \"jobName\", \"sortOrder\": \"Desc\"}], "
                    + "\"start\": 0, \"num\": 5, \"geometry\": {\"x\": 1, \"y\": 2}, \"spatialRel\": \"intersects\"}"),
            Map.entry("POST /items/{itemId}/jobs/statistics", "{\"q\": \"closed = 0\", \"groupBy\": \"priority\", \"explain\": true}"),
            Map.entry("POST /items/{itemId}/webhooks", "{\"name\": \"w\", \"jobTemplateId\": \"${jobTemplateId}\", \"kind\": \"generic\", "
                    + "\"security\": \"secret\", \"mapping\": {\"jobName\": \"{% title %}\"}, \"idExpression\": \"id\"}"),
            Map.entry("PUT /items/{itemId}/webhooks/{webhookId}", "{\"name\": \"w2\", \"enabled\": true, \"mapping\": {\"priority\": \"{% priority %}\"}}"),
            Map.entry("POST /hooks/{webhookId}", "{\"title\": \"t\", \"id\": \"x\", \"priority\": \"High\", \"description\": \"d\"}"),
            Map.entry("POST /{orgId}/{itemId}/jobTemplates/{jobTemplateId}/automatedCreation/{automationId}/executeWebhook",
                    "{\"title\": \"t\", \"id\": \"y\", \"priority\": \"High\", \"description\": \"d\"}"),
            Map.entry("POST /{orgId}/{itemId}/jobTemplates/{jobTemplateId}/job", "{\"numberOfJobs\": 1, \"jobName\": \"Arc\", "
                    + "\"priority\": \"High\", \"dueDate\": \"2027-01-01T00:00:00Z\", \"assignedType\": \"User\", \"assignedTo\": \"amy\", "
                    + "\"extendedProperties\": [{\"identifier\": \"permit.number\", \"value\": \"P-1\"}], "
                    + "\"location\": {\"geometryType\": \"Point\", \"geometry\": \"{\\\"x\\\": 1, \\\"y\\\": 2, \\\"spatialReference\\\": {\\\"wkid\\\": 4326}}\"}}"),
            Map.entry("POST /{orgId}/{itemId}/jobs/{jobId}/update", "{\"jobName\": \"Arc 2\", \"priority\": \"Low\", "
                    + "\"extendedProperties\": [{\"identifier\": \"permit.number\", \"value\": \"P-2\"}], "
                    + "\"relatedProperties\": {\"adds\": [{\"tableName\": \"records\", \"entries\": [{\"properties\": [{\"propertyName\": \"note\", \"value\": \"n\"}]}]}]}}"),
            Map.entry("POST /{orgId}/{itemId}/jobs/{jobId}/action", "{\"type\": \"Hold\", \"stepIds\": [\"a\"], \"holdScheduledRelease\": \"2030-01-01T00:00:00Z\"}"),
            Map.entry("POST /{orgId}/{itemId}/jobs/manage", "{\"type\": \"Upgrade\", \"jobIds\": [\"${jobId}\"]}"),
            Map.entry("POST /{orgId}/{itemId}/jobs/search", "{\"q\": \"closed=0 AND priority='High'\", \"fields\": [\"jobId\", \"jobName\", "
                    + "\"createdDate\"], \"displayNames\": [\"Id\", \"Name\", \"Created\"], \"sortFields\": [{\"field\": \"createdDate\", "
                    + "\"sortOrder\": \"Desc\"}], \"start\": 0, \"num\": 10}"),
            Map.entry("POST /{orgId}/{itemId}/jobs/statistics", "{\"q\": \"closed=0\", \"groupBy\": \"jobStatus\"}"),
            Map.entry("POST /{orgId}/{itemId}/webhooks/createJobFromSurveyResponse/{jobTemplateId}", "{\"eventType\": \"addData\", "
                    + "\"feature\": {\"attributes\": {\"globalid\": \"{FUZZ-1}\", \"objectid\": 1}, \"geometry\": {\"x\": 1, \"y\": 2, "
                    + "\"spatialReference\": {\"wkid\": 4326}}}, \"surveyInfo\": {\"formTitle\": \"Fuzz\"}, \"portalInfo\": {\"url\": \"https://example.org\"}}"),
            Map.entry("POST /items/{itemId}/notifications", "{\"name\": \"n\", \"on\": [\"stepFinished\", \"jobClosed\"], "
                    + "\"filter\": \"{% $event.returnCode = 'ok' %}\", \"enabled\": true, \"action\": {\"webRequest\": {\"method\": \"PUT\", "
                    + "\"url\": \"http://127.0.0.1:9/n\", \"headers\": {\"X-A\": \"{% $job.jobId %}\", \"X-Key\": {\"value\": \"k\", \"secret\": true}}, "
                    + "\"body\": \"{% {'job': $job.jobId} %}\", \"timeoutSeconds\": 5}}}"),
            Map.entry("PUT /items/{itemId}/notifications/{ruleId}", "{\"ruleId\": \"${ruleId}\", \"revision\": 1, \"name\": \"m\", "
                    + "\"on\": [\"stepBecameCurrent\"], \"action\": {\"email\": {\"to\": {\"users\": [\"amy\"], \"groups\": [\"w\"], "
                    + "\"expression\": \"{% $job.assignedTo %}\"}, \"subject\": \"{% $job.jobName %}\", \"body\": \"b\"}}}"),
            Map.entry("PUT /items/{itemId}/email-directory", "{\"people\": [{\"user\": \"amy\", \"email\": \"amy@example.org\", "
                    + "\"groups\": [\"w\"]}], \"revision\": 0}"));

    /** The fixture's ids by path parameter name (and otherJobId, the job a dependency is on). */
    final Map<String, String> ids = new HashMap<>();
    /** Headers a route needs to get past its door: the webhook's secret. */
    final Map<String, String> hookHeaders;

    Fixture(ApiClient api, String token) {
        String itemId = api.post("/items", token, "{\"name\": \"Fuzz\", \"roles\": {\"admin\": [\"admins\"]}}").created().path("itemId").asText();
        ids.put("itemId", itemId);
        ids.put("orgId", "workflow");
        ids.put("diagramVersion", "1");
        String item = "/items/" + itemId;
        ids.put("diagramId", api.post(item + "/diagrams", token, DIAGRAM).created().path("diagramId").asText());
        ids.put("lookupName", "priorities");
        ids.put("tableName", api.post(item + "/extended-property-tables", token,
                "{\"name\": \"permit\", \"fields\": [{\"name\": \"number\", \"type\": \"string\"}]}").created().path("name").asText());
        api.post(item + "/extended-property-tables", token,
                "{\"name\": \"records\", \"relationship\": \"oneToMany\", \"fields\": [{\"name\": \"note\", \"type\": \"string\"}]}").created();
        ids.put("jobTemplateId", api.post(item + "/job-templates", token, fill("{\"name\": \"t\", \"diagramId\": \"${diagramId}\", "
                + "\"extendedPropertyTables\": [\"permit\", \"records\"]}")).created().path("jobTemplateId").asText());
        ids.put("jobId", job(api, token, item));
        ids.put("otherJobId", job(api, token, item));
        String jobPath = item + "/jobs/" + ids.get("jobId");
        ids.put("batchId", api.post(item + "/jobs/batch", token, fill("{\"jobIds\": [\"${otherJobId}\"], "
                + "\"change\": {\"type\": \"update\", \"priority\": \"High\"}}")).body().path("batchId").asText());
        ids.put("attachmentId", api.post(jobPath + "/attachments", token, "{\"url\": \"https://example.org/spec\"}").created()
                .path("attachmentId").asText());
        ids.put("dependencyId", api.post(jobPath + "/dependencies", token, fill("{\"stepId\": \"a\", \"dependsOn\": "
                + "{\"jobId\": \"${otherJobId}\", \"stepId\": \"a\"}}")).created().path("dependencyId").asText());
        ids.put("searchId", api.post(item + "/searches", token, "{\"name\": \"open\", \"q\": \"closed = 0\"}").created()
                .path("searchId").asText());
        ids.put("scheduleId", api.post(fill(item + "/job-templates/${jobTemplateId}/schedules"), token,
                "{\"expression\": \"rate(365 days)\"}").created().path("scheduleId").asText());
        ids.put("taskId", api.post(item + "/tasks", token, "{\"title\": \"t\", \"expression\": \"rate(365 days)\", \"action\": \"callUrl\", "
                + "\"parameters\": {\"url\": \"http://127.0.0.1:9/x\"}}").created().path("taskId").asText());
        ids.put("runId", "2030-01-01T00:00:00Z");
        ids.put("stepId", "a");
        ids.put("lookupTableName", api.post(item + "/lookup-tables", token, "{\"name\": \"landUse\", \"values\": [{\"value\": \"R1\"}]}")
                .created().path("name").asText());
        ids.put("ruleId", api.post(item + "/notifications", token, "{\"name\": \"r\", \"on\": [\"jobCreated\"], "
                + "\"action\": {\"webRequest\": {\"url\": \"http://127.0.0.1:9/r\"}}}").created().path("ruleId").asText());
        JsonNode webhook = api.post(item + "/webhooks", token, fill("{\"name\": \"w\", \"jobTemplateId\": \"${jobTemplateId}\", "
                + "\"kind\": \"generic\", \"security\": \"secret\", \"idExpression\": \"id\"}")).created();
        ids.put("webhookId", webhook.path("webhookId").asText());
        ids.put("automationId", ids.get("webhookId"));
        hookHeaders = Map.of("X-Webhook-Secret", webhook.path("secret").asText());
        ApiClient.Response failed = api.send("POST", "/hooks/" + ids.get("webhookId"), null,
                "{\"title\": \"t\", \"id\": \"failed-1\", \"priority\": \"Bogus\"}", hookHeaders);
        ids.put("deliveryId", failed.body().path("meta").path("deliveryId").asText());
    }

    /** Whether the route is a webhook's delivery (the fixture's webhook secret goes with it). */
    static boolean isWebhook(dev.wfm.local.template.FunctionSpec.RouteSpec route) {
        return route.path().startsWith("/hooks/") || route.path().endsWith("/executeWebhook");
    }

    /** The valid body of a route, or null when it takes none. */
    String body(String routeKey) {
        String body = BODIES.get(routeKey);
        return body == null ? null : fill(body);
    }

    /** Text with its ${name} and {name} placeholders replaced by the fixture's ids. */
    String fill(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(filled, Matcher.quoteReplacement(ids.getOrDefault(name, matcher.group())));
        }
        return matcher.appendTail(filled).toString();
    }

    private static String job(ApiClient api, String token, String item) {
        String jobId = api.post(item + "/jobs", token, "{\"jobTemplateId\": \"" + api.get(item + "/job-templates", token)
                .body().path("jobTemplates").path(0).path("jobTemplateId").asText() + "\"}").created().path("jobIds").path(0).asText();
        Await.until(() -> api.get(item + "/jobs/" + jobId, token).body().path("currentSteps").size() == 1, 20_000, "job " + jobId + " started");
        return jobId;
    }
}
