package dev.wfm.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import org.junit.jupiter.api.Test;

/** A rule is checked whole when saved: every refusal names the field at fault. */
class RuleRequestTest {
    private static final String WEB = """
            {"name": "Tell the hub", "on": ["stepFinished", "jobClosed", "stepFinished"],
             "filter": "{% $event.stepId = 'review' %}",
             "action": {"webRequest": {"method": "put", "url": "https://hub.example.org/jobs",
                        "headers": {"X-Job": "{% $job.jobId %}", "Authorization": {"value": "Bearer t", "secret": true}},
                        "body": "{% {'job': $job.jobId} %}"}}}""";
    private static final String EMAIL = """
            {"name": "Mail the editors", "on": ["stepBecameCurrent"], "enabled": false,
             "action": {"email": {"to": {"users": ["amy", "lee@example.org"], "groups": ["editors"]},
                        "subject": "{% 'Job ' & $job.jobName %}", "body": "A step needs you."}}}""";

    @Test
    void aWebRequestRuleIsKeptNormalised() throws Exception {
        ObjectNode rule = RuleRequest.create(Json.read(WEB), "r1");

        assertEquals("r1", rule.path("ruleId").asText());
        assertEquals("[\"stepFinished\",\"jobClosed\"]", rule.path("on").toString());
        assertTrue(rule.path("enabled").asBoolean());
        JsonNode web = rule.path("action").path("webRequest");
        assertEquals("PUT", web.path("method").asText());
        assertEquals(RuleRequest.DEFAULT_TIMEOUT_SECONDS, web.path("timeoutSeconds").asInt());
        assertEquals("{% $job.jobId %}", web.path("headers").path("X-Job").asText());
    }

    @Test
    void anEmailRuleKeepsItsRecipients() throws Exception {
        ObjectNode rule = RuleRequest.create(Json.read(EMAIL), "r2");

        assertEquals("{\"users\":[\"amy\",\"lee@example.org\"],\"groups\":[\"editors\"]}", rule.path("action").path("email").path("to").toString());
        assertEquals(false, rule.path("enabled").asBoolean());
    }

    @Test
    void everyMistakeIsRefusedNamingItsField() {
        assertRefused(WEB.replace("\"filter\"", "\"filters\""), "filters", "Unknown field 'filters'");
        assertRefused(WEB.replace("\"jobClosed\"", "\"jobReopened\""), "on[1]", "Expected on[1] to be one of [jobCreated,");
        assertRefused(WEB.replace("\"on\": [\"stepFinished\", \"jobClosed\", \"stepFinished\"]", "\"on\": []"), "on",
                "Field 'on' is required");
        assertRefused(WEB.replace("$event.stepId = 'review'", "$event.stepId = "), "filter",
                "The JSONata expression at filter does not parse");
        assertRefused(WEB.replace("\"{% $event.stepId = 'review' %}\"", "\"review\""), "filter", "filter must be a JSONata template");
        assertRefused(WEB.replace("{'job': $job.jobId}", "{'job': }"), "action.webRequest.body", "does not parse");
        assertRefused(WEB.replace("https://hub.example.org/jobs", "hub.example.org/jobs"), "action.webRequest.url",
                "action.webRequest.url must be an absolute http or https URL");
        assertRefused(WEB.replace("https://hub.example.org/jobs", "ftp://hub.example.org/jobs"), "action.webRequest.url", "absolute http");
        assertRefused(WEB.replace("\"put\"", "\"TRACE\""), "action.webRequest.method", "must be one of [DELETE, GET, PATCH, POST, PUT]");
        assertRefused(WEB.replace("\"body\":", "\"timeoutSeconds\": 11, \"body\":"), "action.webRequest.timeoutSeconds", "from 1 to 10");
        assertRefused(WEB.replace("\"body\":", "\"timeoutSeconds\": 3.5, \"body\":"), "action.webRequest.timeoutSeconds", "whole number");
        assertRefused(WEB.replace("\"X-Job\"", "\"Idempotency-Key\""), "action.webRequest.headers.Idempotency-Key", "set by each delivery");
        assertRefused(WEB.replace("\"secret\": true", "\"secret\": true, \"sealed\": \"x\""), "action.webRequest.headers.Authorization.sealed",
                "Unknown field");
        assertRefused(WEB.replace("\"webRequest\"", "\"webhook\""), "action.webhook", "Unknown field 'action.webhook'");
        assertRefused(WEB.replace("}}}", "}, \"email\": {}}}"), "action", "exactly one of webRequest or email");
        assertRefused(EMAIL.replace("\"users\": [\"amy\", \"lee@example.org\"], \"groups\": [\"editors\"]", ""), "action.email.to",
                "must name users, groups or an expression");
        assertRefused(EMAIL.replace("\"editors\"", "\"two words\""), "action.email.to.groups[0]", "cannot be told apart");
        assertRefused(EMAIL.replace("\"groups\"", "\"expression\": \"$job.assignedTo\", \"groups\""), "action.email.to.expression",
                "must be a JSONata template");
        assertRefused(EMAIL.replace("\"subject\": \"{% 'Job ' & $job.jobName %}\",", ""), "action.email.subject", "is required");
        assertRefused(EMAIL.replace("\"enabled\": false", "\"enabled\": \"no\""), "enabled", "must be true or false");
    }

    @Test
    void aReplacementMayCarryBackItsIdAndRevisionButNotAnotherRulesId() throws Exception {
        ObjectNode sent = (ObjectNode) Json.read(WEB);
        sent.put("ruleId", "r1").put("revision", 4);

        assertEquals("r1", RuleRequest.replace(sent, "r1").path("ruleId").asText());
        assertEquals(4L, RuleRequest.revision(sent));
        Refusal other = assertThrows(Refusal.class, () -> RuleRequest.replace(sent, "r9"));
        assertEquals("ruleId", other.target());
        sent.remove("ruleId");
        assertEquals("revision", assertThrows(Refusal.class, () -> RuleRequest.create(sent, "r1")).target(), "a new rule has no revision");
    }

    private static void assertRefused(String body, String target, String messageStart) {
        Refusal refusal = assertThrows(Refusal.class, () -> RuleRequest.create(Json.read(body), "r"), body);
        assertEquals(Refusal.Kind.INVALID_ARGUMENT, refusal.kind());
        assertEquals(target, refusal.target(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains(messageStart), refusal.getMessage());
    }
}
