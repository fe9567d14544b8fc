package dev.wfm.geo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Refusal;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;

/**
 * A search's spatial condition: the request's {@code geometry} (GeoJSON or Esri JSON, 4326 or
 * 3857, validated as a location is) held in 3857, and {@code spatialRel}: a job matches when its
 * location {@code intersects} (default), lies {@code within}, or {@code contains} the geometry.
 */
public record SpatialFilter(Geometry geometry, Relation relation) {
    public enum Relation { INTERSECTS, WITHIN, CONTAINS }

    /** Null when the body has no geometry. */
    public static SpatialFilter read(JsonNode body) {
        JsonNode json = body.get("geometry");
        if (json == null || json.isNull()) {
            if (body.hasNonNull("spatialRel")) {
                throw Refusal.invalid("spatialRel needs a geometry", "spatialRel");
            }
            return null;
        }
        Location location = Location.of(json, "geometry");
        Geometry geometry = GeometryReader.read(location.esriJson(), "geometry").geometry();
        String rel = body.path("spatialRel").asText("intersects");
        Relation relation;
        try {
            relation = Relation.valueOf(rel.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("spatialRel must be intersects, within or contains, not '" + rel + "'", "spatialRel");
        }
        return new SpatialFilter(geometry, relation);
    }

    /** Whether a job's location (3857) relates to the geometry so: the envelope first, then JTS. */
    public boolean matches(Geometry location) {
        if (!location.getEnvelopeInternal().intersects(geometry.getEnvelopeInternal())) {
            return false;
        }
        return switch (relation) {
            case INTERSECTS -> location.intersects(geometry);
            case WITHIN -> location.within(geometry);
            case CONTAINS -> location.contains(geometry);
        };
    }
}
