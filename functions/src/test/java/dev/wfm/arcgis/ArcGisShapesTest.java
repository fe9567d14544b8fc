package dev.wfm.arcgis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiResponse;
import dev.wfm.jobs.Rejection;
import dev.wfm.jobs.actions.StepResponse;
import dev.wfm.search.SearchRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ArcGIS Workflow Manager's request and answer shapes onto ours, without a cloud. */
class ArcGisShapesTest {
    private static final Map<String, String> TYPES = Map.of("permit.fee", "double", "permit.count", "integer", "permit.paid", "boolean",
            "permit.number", "string");

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aCreateBodyTypesTextualValuesAsTheirFieldsAndReadsTheGeometryString() {
        ObjectNode body = ArcGisJobs.createBody(json("""
                {"numberOfJobs": 2, "jobName": "J", "extendedProperties": [
                  {"identifier": "permit.fee", "value": "12.50"}, {"identifier": "permit.count", "value": "3"},
                  {"identifier": "permit.paid", "value": "TRUE"}, {"identifier": "permit.number", "value": "007"},
                  {"identifier": "permit.count", "value": "3.5"}, {"identifier": "permit.fee", "dataType": "Double"}],
                 "location": {"geometryType": "Point", "geometry": "{\\"x\\": 1, \\"y\\": 2}"}}"""), "t1", TYPES);
        assertEquals("t1", body.path("jobTemplateId").asText());
        assertEquals(2, body.path("numberOfJobs").asInt());
        JsonNode values = body.path("extendedProperties");
        assertTrue(values.path(0).path("value").isBigDecimal() || values.path(0).path("value").isNumber());
        assertEquals(12.5, values.path(0).path("value").asDouble());
        assertTrue(values.path(1).path("value").isIntegralNumber());
        assertTrue(values.path(2).path("value").isBoolean() && values.path(2).path("value").asBoolean());
        assertEquals("007", values.path(3).path("value").asText(), "a string field keeps its text");
        assertEquals("3.5", values.path(4).path("value").asText(), "not a whole number: left for the field's own check to refuse");
        assertTrue(values.path(5).path("value").isNull(), "no value clears the field");
        assertFalse(values.path(0).has("dataType"), "its descriptive members are not ours");
        assertEquals(1, body.path("location").path("x").asInt());
    }

    @Test
    void itsFieldsWithNoCounterpartAreRefusedByName() {
        for (String field : List.of("ownedBy", "percentComplete", "notes", "parentJob", "versions", "bogus")) {
            Refusal refused = assertThrows(Refusal.class, () -> ArcGisJobs.createBody(json("{\"" + field + "\": 1}"), "t1", TYPES));
            assertEquals(field, refused.target());
            assertEquals(Refusal.Kind.INVALID_ARGUMENT, refused.kind());
        }
        assertEquals("relatedProperties", assertThrows(Refusal.class, () ->
                ArcGisJobs.createBody(json("{\"relatedProperties\": []}"), "t1", TYPES)).target(), "a create takes no related records here");
        assertEquals("location.geometry", assertThrows(Refusal.class, () ->
                ArcGisJobs.createBody(json("{\"location\": {\"geometry\": \"{x\"}}"), "t1", TYPES)).target());
        assertEquals("assignedType", assertThrows(Refusal.class, () ->
                ArcGisJobs.updateBody(json("{\"assignedType\": \"User\"}"), 3, TYPES)).target(), "an update does not assign: as in that product");
    }

    @Test
    void anUpdateBodyCarriesTheRevisionReadAndOnlyWhatItNames() {
        ObjectNode body = ArcGisJobs.updateBody(json("{\"jobName\": \"N\", \"relatedProperties\": {\"adds\": []}}"), 7, TYPES);
        assertEquals(Map.of("jobName", "\"N\"", "revision", "7", "relatedProperties", "{\"adds\":[]}"),
                Map.of("jobName", body.get("jobName").toString(), "revision", body.get("revision").toString(),
                        "relatedProperties", body.get("relatedProperties").toString()));
        assertEquals(3, body.size());
    }

    @Test
    void anActionIsOneOfItsSevenAndItsAnswerUsesItsStatuses() {
        ObjectNode body = ArcGisActions.actionBody(json("{\"type\": \"Hold\", \"stepIds\": [\"a\"], \"holdScheduledRelease\": \"2030-01-01T00:00:00Z\"}"));
        assertEquals("2030-01-01T00:00:00Z", body.path("scheduledRelease").asText());
        assertEquals("type", assertThrows(Refusal.class, () -> ArcGisActions.actionBody(json("{\"type\": \"Claim\"}"))).target());
        assertEquals("holdScheduledRelease", assertThrows(Refusal.class, () ->
                ArcGisActions.actionBody(json("{\"type\": \"Finish\", \"holdScheduledRelease\": \"2030-01-01T00:00:00Z\"}"))).target());
        assertEquals("dependentJobId", assertThrows(Refusal.class, () ->
                ArcGisActions.actionBody(json("{\"type\": \"Hold\", \"dependentJobId\": \"j2\"}"))).target());

        ObjectNode answer = ArcGisActions.answer(List.of(StepResponse.done("a", "Finished"),
                refused("b", "STEP_NOT_CURRENT"), refused("c", "NOT_ASSIGNED"), refused("d", "STEP_NOT_HELD"), refused("e", "STEP_NOT_READY"),
                refused("f", "INVALID_RELEASE")));
        assertFalse(answer.path("success").asBoolean());
        List<String> statuses = new java.util.ArrayList<>();
        answer.path("stepResponses").forEach(step -> statuses.add(step.path("stepId").asText() + ":" + step.path("status").asText()));
        assertEquals(List.of("a:Success", "b:StepNotCurrent", "c:AssignedToDifferentUser", "d:NotHeld", "e:StepNotCurrent",
                "f:INVALID_RELEASE"), statuses);
        assertEquals("why b", answer.path("stepResponses").path(1).path("statusDescription").asText());
    }

    private static StepResponse refused(String stepId, String code) {
        return StepResponse.refused(stepId, "Ready", Rejection.conflict(code, "why " + stepId));
    }

    @Test
    void aSearchBodyTakesItsDefaultsAndItsCombinedQ() {
        ObjectNode body = ArcGisSearch.searchBody(json("{\"search\": \"edits\", \"q\": \"AND priority='High'\"}"));
        assertEquals("priority='High'", body.path("q").asText());
        assertEquals(50, body.path("num").asInt());
        assertEquals("[\"jobId\",\"jobName\",\"priority\",\"dueDate\",\"currentStep\"]", body.path("fields").toString());
        assertEquals("AND x", ArcGisSearch.searchBody(json("{\"q\": \"AND x\"}")).path("q").asText(), "without a search it is the q as given");
        assertEquals("displayNames", assertThrows(Refusal.class, () ->
                ArcGisSearch.searchBody(json("{\"fields\": [\"jobId\"], \"displayNames\": [\"a\", \"b\"]}"))).target());
        assertEquals("spatialExtent", assertThrows(Refusal.class, () -> ArcGisSearch.searchBody(json("{\"spatialExtent\": \"{}\"}"))).target());
    }

    @Test
    void aSearchAnswerIsTypedFieldsAndRowsInTheirOrder() {
        JsonNode given = json("{\"fields\": [\"jobId\", \"createdDate\", \"closed\", \"diagramVersion\", \"permit.fee\", \"permit.count\"]}");
        ObjectNode body = ArcGisSearch.searchBody(given);
        var types = Map.of("permit.fee", dev.wfm.search.FieldType.NUMBER, "permit.count", dev.wfm.search.FieldType.NUMBER);
        SearchRequest query = SearchRequest.read(body, types, Instant.parse("2026-12-01T00:00:00Z"));
        ObjectNode ours = (ObjectNode) json("""
                {"results": [{"jobId": "j1", "created": "2026-11-30T00:00:00Z", "closed": false, "diagramVersion": 2, "permit.fee": 1.5, "permit.count": 3}],
                 "total": 1, "start": 0, "num": 50}""");
        ObjectNode answer = ArcGisSearch.answer(given, query, ours, () -> TYPES);
        List<String> fields = new java.util.ArrayList<>();
        answer.path("fields").forEach(field -> fields.add(field.path("name").asText() + ":" + field.path("fieldType").asText()));
        assertEquals(List.of("jobId:String", "createdDate:DateTime", "closed:Boolean", "diagramVersion:Integer", "permit.fee:Double",
                "permit.count:Integer"), fields);
        assertEquals("[[\"j1\",\"2026-11-30T00:00:00Z\",false,2,1.5,3]]", answer.path("results").toString());
        assertEquals(-1, answer.path("nextStart").asInt(), "the last page");
        assertNull(answer.get("q"));
    }

    @Test
    void aDiagramVersionIsANumberOrMinusOne() {
        assertNull(ArcGisDiagrams.version("-1"));
        assertEquals(3, ArcGisDiagrams.version("3"));
        for (String bad : List.of("0", "-2", "1.5", "x", "01", "9999999999")) {
            assertEquals("diagramVersion", assertThrows(Refusal.class, () -> ArcGisDiagrams.version(bad)).target(), bad);
        }
    }

    @Test
    void aRefusalIsInItsErrorShapeWithOurStatus() {
        ApiResponse answer = ArcGisErrors.answer(new Refusal(Refusal.Kind.CONFLICT, "stale", "revision",
                List.of(new Refusal.Detail("STALE_REVISION", "read again", "revision")), Map.of("jobId", "j1")));
        assertEquals(409, answer.status());
        JsonNode error = ((JsonNode) answer.body()).path("error");
        assertEquals(409, error.path("code").asInt());
        assertEquals("CONFLICT", error.path("type").asText());
        assertEquals("stale", error.path("message").asText());
        assertEquals("revision", error.path("target").asText());
        assertEquals("STALE_REVISION", error.path("details").path(0).path("type").asText());
        assertEquals("j1", error.path("meta").path("jobId").asText());
    }
}
