package dev.wfm.geo;

import dev.wfm.common.Refusal;
import java.util.Locale;

/** The two spatial references a location may arrive in; everything is stored in Web Mercator. */
public enum SpatialReference {
    WGS84(4326),
    WEB_MERCATOR(3857);

    private final int wkid;

    SpatialReference(int wkid) {
        this.wkid = wkid;
    }

    public int wkid() {
        return wkid;
    }

    /** An Esri wkid; 102100 and 102113 are Esri's older names for Web Mercator. */
    public static SpatialReference ofWkid(int wkid, String target) {
        return switch (wkid) {
            case 4326 -> WGS84;
            case 3857, 102100, 102113, 900913 -> WEB_MERCATOR;
            default -> throw Refusal.invalid("Expected spatialReference wkid 4326 or 3857 (or its aliases 102100, 102113), but got "
                    + wkid, target);
        };
    }

    /** A GeoJSON crs name such as {@code EPSG:3857}, {@code urn:ogc:def:crs:EPSG::4326} or {@code urn:ogc:def:crs:OGC:1.3:CRS84}. */
    public static SpatialReference ofCrsName(String name, String target) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.endsWith("CRS84") || upper.matches(".*[^0-9]4326$")) {
            return WGS84;
        }
        for (String alias : new String[] {"3857", "102100", "102113", "900913"}) {
            if (upper.matches(".*[^0-9]" + alias + "$")) {
                return WEB_MERCATOR;
            }
        }
        throw Refusal.invalid("Expected crs EPSG:4326 or EPSG:3857, but got '" + name + "'", target);
    }
}
