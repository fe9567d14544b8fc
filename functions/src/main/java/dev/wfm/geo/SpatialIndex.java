package dev.wfm.geo;

import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The coarse spatial index of job locations: a pyramid of fixed square Web Mercator (3857)
 * cells of {@link #CELL_SIZES} metres (level z = 0..3), counted from the world's south-west
 * corner. A location is indexed at the finest level where its envelope covers at most
 * {@link #MAX_CELLS_PER_LOCATION} cells, one sparse record per cell:
 * {@code pk = ITEM#{itemId}#CELL#{z}#{x}} (one partition per cell column),
 * {@code sk = {y, 7 digits}#JOB#{jobId}}. A spatial search Queries, at every level, each
 * column its envelope crosses with {@code sk BETWEEN} its rows, so it reads only the records of
 * the cells it covers; the candidates are then checked on the envelope and exactly with JTS.
 * Replacing a location writes the new cell records before the location record and removes the
 * old ones after, and deleting a job removes its cell records first: an interruption can leave
 * only extra records, which are harmless because candidates are checked against their location
 * record.
 */
public final class SpatialIndex {
    static final double[] CELL_SIZES = {10_000, 100_000, 1_000_000, 10_000_000};
    static final int MAX_CELLS_PER_LOCATION = 4;
    /** The most column Queries one spatial search may make; larger geometries → 400. */
    public static final int MAX_QUERIES = 400;

    private final Table table;

    public SpatialIndex(Table table) {
        this.table = table;
    }

    /** One cell column Query: level, column and row range. */
    public record Column(int z, long x, long yMin, long yMax) {
        public String partition(String itemId) {
            return Keys.spatialColumn(itemId, z, x);
        }
    }

    /** Writes the cell records of a location. */
    void add(String itemId, String jobId, Envelope envelope) {
        table.batchWrite(cells(itemId, jobId, envelope).stream()
                .map(key -> WriteRequest.builder().putRequest(PutRequest.builder().item(key).build()).build())
                .toList());
    }

    /** Deletes the cell records of a location, except those a location still indexed ({@code kept}, or null) also has. */
    void remove(String itemId, String jobId, Envelope envelope, Envelope kept) {
        Set<Map<String, AttributeValue>> stale = new LinkedHashSet<>(cells(itemId, jobId, envelope));
        if (kept != null) {
            stale.removeAll(cells(itemId, jobId, kept));
        }
        table.batchWrite(stale.stream()
                .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                .toList());
    }

    private static List<Map<String, AttributeValue>> cells(String itemId, String jobId, Envelope envelope) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Column column : columns(levelOf(envelope), envelope)) {
            for (long y = column.yMin(); y <= column.yMax(); y++) {
                keys.add(Table.key(column.partition(itemId), Keys.spatialCell(y, jobId)));
            }
        }
        return keys;
    }

    /** The cell columns (of every level) an envelope crosses: what a search Queries. */
    public static List<Column> columnsCovering(Envelope envelope) {
        List<Column> all = new ArrayList<>();
        for (int z = 0; z < CELL_SIZES.length; z++) {
            all.addAll(columns(z, envelope));
        }
        return all;
    }

    /** The jobIds with a cell record in the given columns' rows. */
    public Set<String> candidates(String itemId, List<Column> columns) {
        Set<String> jobIds = new LinkedHashSet<>();
        for (Column column : columns) {
            List<Map<String, AttributeValue>> records = table.queryAll(QueryRequest.builder()
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", Table.s(column.partition(itemId)),
                            ":lo", Table.s(Keys.spatialRowStart(column.yMin())), ":hi", Table.s(Keys.spatialRowEnd(column.yMax())))));
            for (Map<String, AttributeValue> record : records) {
                jobIds.add(Keys.jobOfSpatialCell(record.get(Keys.SK).s()));
            }
        }
        return jobIds;
    }

    static int levelOf(Envelope envelope) {
        for (int z = 0; z < CELL_SIZES.length - 1; z++) {
            long cells = 0;
            for (Column column : columns(z, envelope)) {
                cells += column.yMax() - column.yMin() + 1;
            }
            if (cells <= MAX_CELLS_PER_LOCATION) {
                return z;
            }
        }
        return CELL_SIZES.length - 1;
    }

    private static List<Column> columns(int z, Envelope envelope) {
        double size = CELL_SIZES[z];
        long yMin = cell(envelope.getMinY(), size);
        long yMax = cell(envelope.getMaxY(), size);
        List<Column> columns = new ArrayList<>();
        for (long x = cell(envelope.getMinX(), size); x <= cell(envelope.getMaxX(), size); x++) {
            columns.add(new Column(z, x, yMin, yMax));
        }
        return columns;
    }

    private static long cell(double coordinate, double size) {
        double clamped = Math.max(-WebMercator.HALF_WORLD, Math.min(WebMercator.HALF_WORLD, coordinate));
        return (long) Math.floor((clamped + WebMercator.HALF_WORLD) / size);
    }
}
