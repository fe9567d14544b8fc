package dev.wfm.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import org.junit.jupiter.api.Test;

class LocationTest {
    private static final double R = 6378137.0;

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double x(double lon) {
        return R * lon * Math.PI / 180;
    }

    private static double y(double lat) {
        return R * Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
    }

    @Test
    void aGeoJsonPointIsProjectedToWebMercator() {
        Location location = Location.of(json("{\"type\": \"Point\", \"coordinates\": [-117.1956, 34.0564]}"), "location");
        assertEquals(x(-117.1956), location.esriJson().path("x").asDouble(), 1e-6);
        assertEquals(y(34.0564), location.esriJson().path("y").asDouble(), 1e-6);
        assertEquals(3857, location.esriJson().path("spatialReference").path("wkid").asInt());
        assertEquals("esriGeometryPoint", location.geometryType());
    }

    @Test
    void anEsriPointIn3857IsKeptAsIs() {
        Location location = Location.of(json("{\"x\": 1000.5, \"y\": -2000.25, \"spatialReference\": {\"wkid\": 102100}}"), "location");
        assertEquals(1000.5, location.esriJson().path("x").asDouble());
        assertEquals(-2000.25, location.esriJson().path("y").asDouble());
    }

    @Test
    void latitudesBeyondTheMercatorEdgeAreClamped() {
        Location location = Location.of(json("{\"x\": 0, \"y\": 89.9, \"spatialReference\": {\"wkid\": 4326}}"), "location");
        assertEquals(y(85.05112878), location.esriJson().path("y").asDouble(), 1e-6);
    }

    @Test
    void aGeoJsonPolygonWithAHoleBecomesEsriRingsWithEnvelope() {
        Location location = Location.of(json("{\"type\": \"Polygon\", \"coordinates\": ["
                + "[[0,0],[10,0],[10,10],[0,10],[0,0]], [[2,2],[2,4],[4,4],[4,2],[2,2]]]}"), "location");
        assertEquals("esriGeometryPolygon", location.geometryType());
        assertEquals(2, location.esriJson().path("rings").size());
        assertEquals(0, location.envelope().getMinX(), 1e-9);
        assertEquals(x(10), location.envelope().getMaxX(), 1e-6);
        assertEquals(y(10), location.envelope().getMaxY(), 1e-6);
    }

    @Test
    void esriRingsKeepTheirHoleUnderTheShellThatContainsIt() {
        Location location = Location.of(json("{\"rings\": [[[0,0],[0,10],[10,10],[10,0],[0,0]], [[2,2],[4,2],[4,4],[2,4],[2,2]]],"
                + " \"spatialReference\": {\"wkid\": 3857}}"), "location");
        assertEquals(2, location.esriJson().path("rings").size());
        assertEquals(10 * 10 - 2 * 2, areaOfRings(location.esriJson().path("rings")), 1e-9);
    }

    @Test
    void linesAndMultipointsBecomePathsAndPoints() {
        assertEquals("esriGeometryPolyline", Location.of(json("{\"type\": \"MultiLineString\", \"coordinates\": [[[0,0],[1,1]], [[2,2],[3,3]]]}"),
                "l").geometryType());
        Location points = Location.of(json("{\"points\": [[1,1],[2,2]], \"spatialReference\": {\"wkid\": 4326}}"), "l");
        assertEquals(2, points.esriJson().path("points").size());
        assertEquals(x(2), points.esriJson().path("points").path(1).path(0).asDouble(), 1e-6);
    }

    @Test
    void aGeoJsonCrsOf3857IsHonoured() {
        Location location = Location.of(json("{\"type\": \"Point\", \"coordinates\": [500000, 600000],"
                + " \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::3857\"}}}"), "location");
        assertEquals(500000, location.esriJson().path("x").asDouble());
    }

    @Test
    void aBowTieIsRejectedNamingTheSelfIntersection() {
        Refusal error = assertThrows(Refusal.class, () -> Location.of(json(
                "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[10,10],[10,0],[0,10],[0,0]]]}"), "location"));
        assertEquals(Refusal.Kind.INVALID_ARGUMENT, error.kind());
        assertTrue(error.getMessage().contains("Self-intersection at or near point (5.0, 5.0)"), error.getMessage());
    }

    @Test
    void outOfRangeWgs84CoordinatesAreRejected() {
        Refusal error = assertThrows(Refusal.class, () -> Location.of(json("{\"type\": \"Point\", \"coordinates\": [-13046000, 4036000]}"),
                "location"));
        assertTrue(error.getMessage().contains("outside the valid range of wkid 4326"), error.getMessage());
    }

    @Test
    void malformedGeometriesAreRejectedNotCrashed() {
        for (String bad : new String[] {"{}", "{\"type\": \"Circle\", \"coordinates\": [1,2]}", "{\"type\": \"Point\", \"coordinates\": [\"a\", 1]}",
                "{\"rings\": [[[0,0],[1,1]]]}", "{\"x\": 1, \"y\": 2, \"spatialReference\": {\"wkid\": 2154}}", "{\"paths\": []}"}) {
            assertEquals(Refusal.Kind.INVALID_ARGUMENT, assertThrows(Refusal.class, () -> Location.of(json(bad), "location")).kind(), bad);
        }
    }

    private static double areaOfRings(JsonNode rings) {
        double total = 0;
        for (JsonNode ring : rings) {
            double sum = 0;
            for (int i = 0; i + 1 < ring.size(); i++) {
                sum += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble() - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
            }
            total += -sum / 2; // Esri: clockwise shells count positive, counter-clockwise holes negative
        }
        return total;
    }
}
