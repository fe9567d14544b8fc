package dev.wfm.geo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads a GeoJSON geometry ({@code {"type": "Point", "coordinates": [...]}} and the other five
 * types) or an Esri JSON geometry ({@code x/y}, {@code points}, {@code paths}, {@code rings})
 * into JTS, with the spatial reference it is in. GeoJSON is WGS84 unless a {@code crs} or
 * {@code spatialReference} says otherwise; Esri JSON names its {@code spatialReference} (WGS84
 * when it does not, as Survey123 features in 4326 sometimes omit it). Shape errors are the
 * caller's: INVALID_ARGUMENT naming the field.
 */
public final class GeometryReader {
    /** A geometry as sent, before validation and projection. */
    public record Sourced(Geometry geometry, SpatialReference reference) {}

    static final int MAX_VERTICES = 100_000;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final String target;
    private int vertices;

    private GeometryReader(String target) {
        this.target = target;
    }

    public static Sourced read(JsonNode json, String target) {
        if (json == null || !json.isObject()) {
            throw Refusal.invalid("Expected " + target + " to be a GeoJSON or Esri JSON geometry object", target);
        }
        GeometryReader reader = new GeometryReader(target);
        return json.has("type") ? reader.geoJson(json) : reader.esriJson(json);
    }

    private Sourced geoJson(JsonNode json) {
        SpatialReference reference = SpatialReference.WGS84;
        JsonNode crsName = json.path("crs").path("properties").path("name");
        if (crsName.isTextual()) {
            reference = SpatialReference.ofCrsName(crsName.asText(), target + ".crs");
        } else if (json.has("spatialReference")) {
            reference = esriReference(json);
        }
        String type = json.path("type").asText();
        JsonNode coordinates = json.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            throw Refusal.invalid("GeoJSON " + type + " needs a 'coordinates' array", target + ".coordinates");
        }
        Geometry geometry = switch (type) {
            case "Point" -> FACTORY.createPoint(coordinate(coordinates, "coordinates"));
            case "MultiPoint" -> FACTORY.createMultiPointFromCoords(coordinates(coordinates, "coordinates"));
            case "LineString" -> line(coordinates, "coordinates");
            case "MultiLineString" -> FACTORY.createMultiLineString(lines(coordinates, "coordinates"));
            case "Polygon" -> geoJsonPolygon(coordinates, "coordinates");
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[coordinates.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = geoJsonPolygon(coordinates.get(i), "coordinates[" + i + "]");
                }
                yield FACTORY.createMultiPolygon(polygons);
            }
            default -> throw Refusal.invalid("Expected a GeoJSON geometry type (Point, MultiPoint, LineString, MultiLineString, "
                    + "Polygon, MultiPolygon), but got '" + type + "'", target + ".type");
        };
        return new Sourced(geometry, reference);
    }

    private Sourced esriJson(JsonNode json) {
        SpatialReference reference = json.has("spatialReference") ? esriReference(json) : SpatialReference.WGS84;
        Geometry geometry;
        if (json.has("x") || json.has("y")) {
            geometry = FACTORY.createPoint(new Coordinate(number(json.get("x"), "x"), number(json.get("y"), "y")));
        } else if (json.has("points")) {
            geometry = FACTORY.createMultiPointFromCoords(coordinates(json.get("points"), "points"));
        } else if (json.has("paths")) {
            LineString[] paths = lines(json.get("paths"), "paths");
            geometry = paths.length == 1 ? paths[0] : FACTORY.createMultiLineString(paths);
        } else if (json.has("rings")) {
            geometry = esriPolygon(json.get("rings"));
        } else {
            throw Refusal.invalid("Expected a GeoJSON geometry (with 'type') or an Esri JSON geometry (with x/y, points, paths "
                    + "or rings)", target);
        }
        return new Sourced(geometry, reference);
    }

    private SpatialReference esriReference(JsonNode json) {
        JsonNode reference = json.get("spatialReference");
        JsonNode wkid = reference.has("latestWkid") && !reference.has("wkid") ? reference.get("latestWkid") : reference.get("wkid");
        if (wkid == null || !wkid.isIntegralNumber() || !wkid.canConvertToInt()) {
            throw Refusal.invalid("spatialReference needs a numeric wkid (4326 or 3857)", target + ".spatialReference");
        }
        return SpatialReference.ofWkid(wkid.asInt(), target + ".spatialReference");
    }

    /**
     * Esri rings: clockwise rings are outer shells, counter-clockwise ones holes of the shell that
     * contains them. A ring that no shell contains (or a polygon drawn all counter-clockwise)
     * stands as a shell of its own, so a sender's winding mistake is not a rejection.
     */
    private Geometry esriPolygon(JsonNode rings) {
        LinearRing[] all = rings(rings, "rings");
        List<LinearRing> shells = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (LinearRing ring : all) {
            (Orientation.isCCW(ring.getCoordinateSequence()) ? holes : shells).add(ring);
        }
        if (shells.isEmpty()) {
            shells.addAll(holes);
            holes.clear();
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        shells.forEach(shell -> holesOf.add(new ArrayList<>()));
        for (LinearRing hole : holes) {
            int owner = -1;
            for (int i = 0; i < shells.size() && owner < 0; i++) {
                if (FACTORY.createPolygon(shells.get(i)).contains(FACTORY.createPolygon(hole))) {
                    owner = i;
                }
            }
            if (owner < 0) {
                shells.add(hole);
                holesOf.add(new ArrayList<>());
            } else {
                holesOf.get(owner).add(hole);
            }
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int i = 0; i < polygons.length; i++) {
            polygons[i] = FACTORY.createPolygon(shells.get(i), holesOf.get(i).toArray(LinearRing[]::new));
        }
        return polygons.length == 1 ? polygons[0] : FACTORY.createMultiPolygon(polygons);
    }

    private Polygon geoJsonPolygon(JsonNode rings, String field) {
        LinearRing[] all = rings(rings, field);
        LinearRing[] holes = new LinearRing[all.length - 1];
        System.arraycopy(all, 1, holes, 0, holes.length);
        return FACTORY.createPolygon(all[0], holes);
    }

    private LinearRing[] rings(JsonNode rings, String field) {
        requireNonEmptyArray(rings, field);
        LinearRing[] result = new LinearRing[rings.size()];
        for (int i = 0; i < result.length; i++) {
            Coordinate[] points = coordinates(rings.get(i), field + "[" + i + "]");
            if (points.length < 4 || !points[0].equals2D(points[points.length - 1])) {
                throw Refusal.invalid("Ring " + field + "[" + i + "] must have at least 4 positions and end where it starts",
                        target + "." + field + "[" + i + "]");
            }
            result[i] = FACTORY.createLinearRing(points);
        }
        return result;
    }

    private LineString[] lines(JsonNode paths, String field) {
        requireNonEmptyArray(paths, field);
        LineString[] lines = new LineString[paths.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = line(paths.get(i), field + "[" + i + "]");
        }
        return lines;
    }

    private LineString line(JsonNode positions, String field) {
        Coordinate[] points = coordinates(positions, field);
        if (points.length < 2) {
            throw Refusal.invalid("A line (" + field + ") needs at least 2 positions", target + "." + field);
        }
        return FACTORY.createLineString(points);
    }

    private Coordinate[] coordinates(JsonNode positions, String field) {
        requireNonEmptyArray(positions, field);
        Coordinate[] result = new Coordinate[positions.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = coordinate(positions.get(i), field + "[" + i + "]");
        }
        return result;
    }

    private Coordinate coordinate(JsonNode position, String field) {
        if (position == null || !position.isArray() || position.size() < 2) {
            throw Refusal.invalid("Expected a position [x, y] at " + field, target + "." + field);
        }
        if (++vertices > MAX_VERTICES) {
            throw Refusal.invalid("A location may have at most " + MAX_VERTICES + " vertices", target);
        }
        return new Coordinate(number(position.get(0), field + "[0]"), number(position.get(1), field + "[1]"));
    }

    private double number(JsonNode node, String field) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw Refusal.invalid("Expected a finite number at " + field, target + "." + field);
        }
        return node.asDouble();
    }

    private void requireNonEmptyArray(JsonNode node, String field) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw Refusal.invalid("Expected a non-empty array at " + field, target + "." + field);
        }
    }
}
