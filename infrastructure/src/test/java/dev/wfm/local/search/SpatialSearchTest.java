package dev.wfm.local.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.geo.Location;
import dev.wfm.geo.LocationStore;
import dev.wfm.geo.SpatialIndex;
import dev.wfm.local.ApiClient;
import dev.wfm.local.webhooks.WebhookDriver;
import dev.wfm.store.Table;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Spatial search over jobs placed by construction (coordinates in 3857 metres): the expected
 * intersects / within / contains answers follow from the geometry of the test data.
 */
class SpatialSearchTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Spatial search");
    /** The query box 999..1003 km x 999..1008 km. */
    private static final String BOX = box(999_000, 999_000, 1_003_000, 1_008_000);
    private static String pointInBox;
    private static String squareInBox;
    private static String squareAroundBox;
    private static String farPoint;

    private static String box(double xmin, double ymin, double xmax, double ymax) {
        return "{\"rings\": [[[" + xmin + "," + ymin + "],[" + xmin + "," + ymax + "],[" + xmax + "," + ymax + "],[" + xmax + "," + ymin + "],["
                + xmin + "," + ymin + "]]], \"spatialReference\": {\"wkid\": 3857}}";
    }

    private static String point(double x, double y) {
        return "{\"x\": " + x + ", \"y\": " + y + ", \"spatialReference\": {\"wkid\": 3857}}";
    }

    private static String jobAt(String geometry) {
        ApiClient.Response created = DRIVER.api.post(DRIVER.path("/jobs"), DRIVER.admin, "{\"jobTemplateId\": \"" + DRIVER.templateId + "\"}");
        assertEquals(201, created.status(), created.body().toString());
        String jobId = created.body().path("jobIds").path(0).asText();
        ApiClient.Response stored = DRIVER.api.send("PUT", DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin, geometry);
        assertEquals(200, stored.status(), stored.body().toString());
        return jobId;
    }

    @BeforeAll
    static void placeJobs() {
        pointInBox = jobAt(point(1_000_000, 1_000_000));
        squareInBox = jobAt(box(1_000_000, 1_005_000, 1_002_000, 1_007_000));
        squareAroundBox = jobAt(box(990_000, 990_000, 1_050_000, 1_050_000));
        farPoint = jobAt(point(5_000_000, 5_000_000));
        jobAt(point(-8_000_000, 3_000_000)); // unrelated to every query below
    }

    private static ApiClient.Response search(String geometry, String rel) {
        String body = "{\"geometry\": " + geometry + (rel == null ? "" : ", \"spatialRel\": \"" + rel + "\"")
                + ", \"fields\": [\"jobId\"], \"explain\": true}";
        return DRIVER.api.post(DRIVER.path("/jobs/search"), DRIVER.admin, body);
    }

    private static Set<String> found(ApiClient.Response answer) {
        assertEquals(200, answer.status(), answer.body().toString());
        Set<String> ids = new TreeSet<>();
        answer.body().path("results").forEach(row -> ids.add(row.path("jobId").asText()));
        return ids;
    }

    @Test
    void intersectsIsTheDefaultAndFindsEveryJobTouchingTheGeometry() {
        assertEquals(new TreeSet<>(Set.of(pointInBox, squareInBox, squareAroundBox)), found(search(BOX, null)));
    }

    @Test
    void withinFindsTheJobsLyingInsideTheGeometry() {
        assertEquals(new TreeSet<>(Set.of(pointInBox, squareInBox)), found(search(BOX, "within")));
    }

    @Test
    void containsFindsTheJobsWhoseLocationEnclosesTheGeometry() {
        assertEquals(Set.of(squareAroundBox), found(search(BOX, "contains")));
    }

    @Test
    void aGeoJsonQueryIn4326FindsTheJobAtTheSamePlace() {
        // (5,000 km, 5,000 km) in 3857 is about longitude 44.92, latitude 40.92
        String geoJson = "{\"type\": \"Polygon\", \"coordinates\": [[[44, 40], [46, 40], [46, 42], [44, 42], [44, 40]]]}";
        assertEquals(Set.of(farPoint), found(search(geoJson, "intersects")));
    }

    @Test
    void aQueryFarFromEveryJobFindsNothingAndReadsOnlyItsOwnCells() {
        ApiClient.Response answer = search(box(-15_000_000, -5_000_000, -14_995_000, -4_995_000), null);
        assertEquals(Set.of(), found(answer));
        JsonNode plan = answer.body().path("plan");
        assertEquals("spatial", plan.path("index").asText());
        // one cell column per level of the 4-level pyramid, or two where the box straddles a column edge
        assertTrue(plan.path("queries").asInt() >= 4 && plan.path("queries").asInt() <= 8, plan.toString());
    }

    @Test
    void theExplainedPlanOfABoxQueryNamesOnlyTheCellColumnsItCovers() {
        JsonNode plan = search(BOX, null).body().path("plan");
        assertEquals("spatial", plan.path("index").asText());
        assertEquals("geometry", plan.path("field").asText());
        assertEquals(5, plan.path("queries").asInt(), plan.toString()); // 2 columns of 10 km cells + 1 per coarser level
    }

    @Test
    void aMovedLocationIsFoundAtItsNewPlaceOnly() {
        String moved = jobAt(point(1_001_000, 1_001_000));
        assertTrue(found(search(BOX, null)).contains(moved));
        assertEquals(200, DRIVER.api.send("PUT", DRIVER.path("/jobs/" + moved + "/location"), DRIVER.admin, point(7_000_000, 7_000_000)).status());
        assertTrue(!found(search(BOX, null)).contains(moved));
        assertEquals(Set.of(moved), found(search(box(6_999_000, 6_999_000, 7_001_000, 7_001_000), null)));
    }

    @Test
    void aGeometryHoldingMoreJobsThanASearchMayReadIsRefusedBeforeTheyAreRead() throws Exception {
        // 501 locations, past the tests' limit of 500 (infrastructure/pom.xml); no job records: none is read
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(DRIVER.cloud.endpoints().dynamodb()).build()) {
            LocationStore locations = new LocationStore(new Table(dynamo, "WorkflowTable"));
            Location crowded = Location.of(Json.MAPPER.readTree(point(-6_000_000, -6_000_000)), "geometry");
            for (int i = 0; i < 501; i++) {
                locations.put(DRIVER.itemId, "crowd-" + i, crowded);
            }
        }
        ApiClient.Response refused = search(box(-6_001_000, -6_001_000, -5_999_000, -5_999_000), null);
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("geometry", refused.body().path("target").asText());
        assertTrue(refused.body().path("message").asText().contains("more than the 500 jobs"), refused.body().toString());
    }

    @Test
    void anUnknownSpatialRelOrAnInvalidGeometryIs400() {
        ApiClient.Response rel = search(BOX, "touches");
        assertEquals(400, rel.status(), rel.body().toString());
        ApiClient.Response bowtie = search("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}", null);
        assertEquals(400, bowtie.status(), bowtie.body().toString());
    }

    @Test
    void statisticsCountOnlyTheSpatialMatches() {
        ApiClient.Response stats = DRIVER.api.post(DRIVER.path("/jobs/statistics"), DRIVER.admin,
                "{\"geometry\": " + BOX + ", \"spatialRel\": \"within\", \"groupBy\": \"jobStatus\"}");
        assertEquals(200, stats.status(), stats.body().toString());
        assertEquals(2, stats.body().path("total").asInt());
    }

    @Test
    void deletingAJobRemovesItsSpatialIndexEntries() {
        String jobId = jobAt(box(2_000_000, 2_000_000, 2_030_000, 2_020_000));
        var columns = SpatialIndex.columnsCovering(new Envelope(1_990_000, 2_040_000, 1_990_000, 2_030_000));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(DRIVER.cloud.endpoints().dynamodb()).build()) {
            SpatialIndex index = new SpatialIndex(new Table(dynamo, "WorkflowTable"));
            assertTrue(index.candidates(DRIVER.itemId, columns).contains(jobId));
            JsonNode deleted = DRIVER.api.post(DRIVER.path("/jobs/delete"), DRIVER.admin, "{\"jobIds\": [\"" + jobId + "\"]}").body();
            assertTrue(deleted.path("success").asBoolean(), deleted.toString());
            assertFalse(index.candidates(DRIVER.itemId, columns).contains(jobId), "no cell record of the deleted job is left");
        }
    }

    @Test
    void aMoveKeepsTheCellsTheNewPlaceSharesAndDropsTheOthers() {
        String jobId = jobAt(point(3_000_100, 3_000_100));
        var here = SpatialIndex.columnsCovering(new Envelope(3_000_000, 3_000_300, 3_000_000, 3_000_300));
        var far = SpatialIndex.columnsCovering(new Envelope(3_500_000, 3_500_100, 3_500_000, 3_500_100));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(DRIVER.cloud.endpoints().dynamodb()).build()) {
            SpatialIndex index = new SpatialIndex(new Table(dynamo, "WorkflowTable"));
            // 100 m away: the same 10 km cell, which must survive the removal of the old location's cells
            assertEquals(200, DRIVER.api.send("PUT", DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin, point(3_000_200, 3_000_200)).status());
            assertTrue(index.candidates(DRIVER.itemId, here).contains(jobId));
            assertEquals(200, DRIVER.api.send("PUT", DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin, point(3_500_050, 3_500_050)).status());
            assertFalse(index.candidates(DRIVER.itemId, here).contains(jobId), "the old cell is gone");
            assertTrue(index.candidates(DRIVER.itemId, far).contains(jobId));
        }
    }
}
