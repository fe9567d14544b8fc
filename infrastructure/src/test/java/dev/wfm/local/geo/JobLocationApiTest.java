package dev.wfm.local.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.webhooks.WebhookDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's location is set from GeoJSON or Esri JSON in 4326 or 3857 and always read back in 3857. */
class JobLocationApiTest {
    private static final WebhookDriver DRIVER = new WebhookDriver("Job locations");
    private static final double R = 6378137.0;

    private static double x(double lon) {
        return R * lon * Math.PI / 180;
    }

    private static double y(double lat) {
        return R * Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
    }

    private static String newJob() {
        ApiClient.Response created = DRIVER.api.post(DRIVER.path("/jobs"), DRIVER.admin, "{\"jobTemplateId\": \"" + DRIVER.templateId + "\"}");
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("jobIds").path(0).asText();
    }

    private static ApiClient.Response put(String jobId, String geometry) {
        return DRIVER.api.send("PUT", DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin, geometry);
    }

    private static JsonNode get(String jobId) {
        ApiClient.Response location = DRIVER.api.get(DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin);
        assertEquals(200, location.status(), location.body().toString());
        return location.body();
    }

    @Test
    void aJobWithoutALocationAnswers404() {
        ApiClient.Response none = DRIVER.api.get(DRIVER.path("/jobs/" + newJob() + "/location"), DRIVER.admin);
        assertEquals(404, none.status());
        assertEquals("NOT_FOUND", none.code());
    }

    @Test
    void aGeoJsonPolygonIn4326IsStoredAsEsriRingsIn3857() {
        String jobId = newJob();
        ApiClient.Response stored = put(jobId, "{\"type\": \"Polygon\", \"coordinates\": [[[-117.2, 34.05], [-117.19, 34.05], [-117.19, 34.06],"
                + " [-117.2, 34.06], [-117.2, 34.05]]]}");
        assertEquals(200, stored.status(), stored.body().toString());
        JsonNode location = get(jobId);
        assertEquals(stored.body(), location);
        assertEquals(3857, location.path("spatialReference").path("wkid").asInt());
        JsonNode ring = location.path("rings").path(0);
        assertEquals(5, ring.size());
        double minX = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (JsonNode point : ring) {
            minX = Math.min(minX, point.get(0).asDouble());
            maxY = Math.max(maxY, point.get(1).asDouble());
        }
        assertEquals(x(-117.2), minX, 1e-6);
        assertEquals(y(34.06), maxY, 1e-6);
    }

    @Test
    void anEsriPolygonIn3857IsStoredUnchanged() {
        String jobId = newJob();
        assertEquals(200, put(jobId, "{\"rings\": [[[-13046000, 4036000], [-13046000, 4037000], [-13045000, 4037000], [-13045000, 4036000],"
                + " [-13046000, 4036000]]], \"spatialReference\": {\"wkid\": 3857}}").status());
        JsonNode ring = get(jobId).path("rings").path(0);
        List<Double> xs = new java.util.ArrayList<>();
        ring.forEach(point -> xs.add(point.get(0).asDouble()));
        assertTrue(xs.contains(-13046000.0) && xs.contains(-13045000.0), ring.toString());
    }

    @Test
    void anEsriPolygonIn4326AndAGeoJsonPolygonIn3857AreAccepted() {
        String a = newJob();
        assertEquals(200, put(a, "{\"rings\": [[[10, 50], [10, 51], [11, 51], [11, 50], [10, 50]]], \"spatialReference\": {\"wkid\": 4326}}").status());
        assertEquals(x(10), get(a).path("rings").path(0).path(0).path(0).asDouble(), 1e-6);
        String b = newJob();
        assertEquals(200, put(b, "{\"type\": \"Polygon\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:3857\"}},"
                + " \"coordinates\": [[[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]]]}").status());
        assertEquals(5, get(b).path("rings").path(0).size());
    }

    @Test
    void aBowTiePolygonIsRefusedNamingTheSelfIntersectionAndNothingIsStored() {
        String jobId = newJob();
        ApiClient.Response refused = put(jobId, "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]}");
        assertEquals(400, refused.status());
        assertTrue(refused.body().path("message").asText().contains("Self-intersection at or near point (5.0, 5.0)"), refused.body().toString());
        assertEquals(404, DRIVER.api.get(DRIVER.path("/jobs/" + jobId + "/location"), DRIVER.admin).status());
    }

    @Test
    void workersReadLocationsButOnlyManagersSetThem() {
        String jobId = newJob();
        put(jobId, "{\"type\": \"Point\", \"coordinates\": [1, 2]}");
        String worker = DRIVER.cloud.token("wes", List.of("workers"));
        assertEquals(200, DRIVER.api.get(DRIVER.path("/jobs/" + jobId + "/location"), worker).status());
        assertEquals(403, DRIVER.api.send("PUT", DRIVER.path("/jobs/" + jobId + "/location"), worker,
                "{\"type\": \"Point\", \"coordinates\": [3, 4]}").status());
        assertEquals(404, put("no-such-job", "{\"type\": \"Point\", \"coordinates\": [3, 4]}").status());
    }

    @Test
    void jobsCreatedWithALocationHaveItAndAnInvalidOneCreatesNothing() {
        ApiClient.Response created = DRIVER.api.post(DRIVER.path("/jobs"), DRIVER.admin, "{\"jobTemplateId\": \"" + DRIVER.templateId
                + "\", \"numberOfJobs\": 2, \"location\": {\"x\": -117.1956, \"y\": 34.0564, \"spatialReference\": {\"wkid\": 4326}}}");
        assertEquals(201, created.status(), created.body().toString());
        for (JsonNode jobId : created.body().path("jobIds")) {
            assertEquals(x(-117.1956), get(jobId.asText()).path("x").asDouble(), 1e-6);
        }
        int before = DRIVER.jobCount();
        ApiClient.Response refused = DRIVER.api.post(DRIVER.path("/jobs"), DRIVER.admin, "{\"jobTemplateId\": \"" + DRIVER.templateId
                + "\", \"location\": {\"type\": \"Point\", \"coordinates\": [200, 95]}}");
        assertEquals(400, refused.status());
        assertEquals(before, DRIVER.jobCount());
    }
}
