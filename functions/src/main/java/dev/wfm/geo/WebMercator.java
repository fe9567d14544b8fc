package dev.wfm.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * WGS84 longitude/latitude to spherical Web Mercator (EPSG:3857), the closed formulas every web
 * map uses: no projection library needed for one well-known projection. Latitudes beyond the
 * square world's edge (±85.05112878°) are clamped, as tile services do.
 */
public final class WebMercator {
    public static final double EARTH_RADIUS = 6378137.0;
    public static final double MAX_LATITUDE = 85.05112878;
    /** Half the width of the square world in metres: R·π. */
    public static final double HALF_WORLD = Math.PI * EARTH_RADIUS;

    private WebMercator() {}

    public static double x(double longitude) {
        return EARTH_RADIUS * Math.toRadians(longitude);
    }

    public static double y(double latitude) {
        double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
        return EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2));
    }

    /** A copy of the geometry with every coordinate projected from 4326 to 3857. */
    public static Geometry project(Geometry wgs84) {
        Geometry copy = wgs84.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence sequence, int i) {
                Coordinate c = sequence.getCoordinate(i);
                sequence.setOrdinate(i, CoordinateSequence.X, x(c.x));
                sequence.setOrdinate(i, CoordinateSequence.Y, y(c.y));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }
}
