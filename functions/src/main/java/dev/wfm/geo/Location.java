package dev.wfm.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * A job's location: a validated geometry in Web Mercator (3857), as the Esri JSON the API
 * answers, with its Esri geometry type and envelope (what a spatial filter compares first).
 */
public record Location(ObjectNode esriJson, String geometryType, Envelope envelope) {
    /** The stored Esri JSON's limit: it is one DynamoDB record (400 KB) with the envelope, checked before any job or cell is written. */
    static final int MAX_STORED_BYTES = 350 * 1024;

    /** Reads, validates and projects a GeoJSON or Esri JSON geometry; anything wrong is INVALID_ARGUMENT. */
    public static Location of(JsonNode json, String target) {
        GeometryReader.Sourced sourced = GeometryReader.read(json, target);
        Geometry geometry = sourced.geometry();
        checkRange(geometry, sourced.reference(), target);
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw Refusal.invalid("The geometry is not valid: " + error.getMessage()
                    + (at == null ? "" : " at or near point (" + at.x + ", " + at.y + ")"), target);
        }
        Geometry mercator = sourced.reference() == SpatialReference.WGS84 ? WebMercator.project(geometry) : geometry;
        if (mercator instanceof Polygon || mercator.getGeometryType().equals(Geometry.TYPENAME_MULTIPOLYGON)) {
            mercator = mercator.norm(); // Esri winding: outer rings clockwise, holes counter-clockwise (as JTS normalises)
        }
        ObjectNode esriJson = EsriJson.write(mercator);
        int bytes = Json.write(esriJson).length();
        if (bytes > MAX_STORED_BYTES) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "The geometry takes " + bytes + " bytes as Esri JSON in 3857; a location "
                    + "is stored in at most " + MAX_STORED_BYTES + ". Simplify it (fewer vertices).", target, List.of(),
                    Map.of("limitBytes", Integer.toString(MAX_STORED_BYTES)));
        }
        return new Location(esriJson, EsriJson.typeOf(mercator), mercator.getEnvelopeInternal());
    }

    private static void checkRange(Geometry geometry, SpatialReference reference, String target) {
        for (Coordinate c : geometry.getCoordinates()) {
            boolean inside = reference == SpatialReference.WGS84
                    ? Math.abs(c.x) <= 180 && Math.abs(c.y) <= 90
                    : Math.abs(c.x) <= WebMercator.HALF_WORLD + 1 && Math.abs(c.y) <= WebMercator.HALF_WORLD + 1;
            if (!inside) {
                throw Refusal.invalid("The coordinate (" + c.x + ", " + c.y + ") lies outside the valid range of wkid "
                        + reference.wkid() + (reference == SpatialReference.WGS84
                        ? " (longitude -180..180, latitude -90..90; is the geometry in 3857 without a spatialReference?)" : ""), target);
            }
        }
    }

    /** Esri JSON geometries in 3857, as the API answers them. */
    static final class EsriJson {
        private EsriJson() {}

        static String typeOf(Geometry geometry) {
            return switch (geometry.getGeometryType()) {
                case Geometry.TYPENAME_POINT -> "esriGeometryPoint";
                case Geometry.TYPENAME_MULTIPOINT -> "esriGeometryMultipoint";
                case Geometry.TYPENAME_LINESTRING, Geometry.TYPENAME_MULTILINESTRING -> "esriGeometryPolyline";
                default -> "esriGeometryPolygon";
            };
        }

        static ObjectNode write(Geometry geometry) {
            ObjectNode json = Json.object();
            switch (typeOf(geometry)) {
                case "esriGeometryPoint" -> {
                    Point point = (Point) geometry;
                    json.put("x", point.getX()).put("y", point.getY());
                }
                case "esriGeometryMultipoint" -> positions(json.putArray("points"), geometry.getCoordinates());
                case "esriGeometryPolyline" -> {
                    ArrayNode paths = json.putArray("paths");
                    for (int i = 0; i < geometry.getNumGeometries(); i++) {
                        positions(paths.addArray(), ((LineString) geometry.getGeometryN(i)).getCoordinates());
                    }
                }
                default -> {
                    ArrayNode rings = json.putArray("rings");
                    for (int i = 0; i < geometry.getNumGeometries(); i++) {
                        Polygon polygon = (Polygon) geometry.getGeometryN(i);
                        positions(rings.addArray(), polygon.getExteriorRing().getCoordinates());
                        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                            positions(rings.addArray(), polygon.getInteriorRingN(h).getCoordinates());
                        }
                    }
                }
            }
            json.putObject("spatialReference").put("wkid", SpatialReference.WEB_MERCATOR.wkid());
            return json;
        }

        private static void positions(ArrayNode array, Coordinate[] coordinates) {
            for (Coordinate c : coordinates) {
                array.addArray().add(c.x).add(c.y);
            }
        }
    }
}
