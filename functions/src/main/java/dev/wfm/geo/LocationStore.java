package dev.wfm.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.store.Keys;
import dev.wfm.store.RecordSize;
import dev.wfm.store.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A job's location as its own record beside the job: {@code pk = ITEM#{itemId}},
 * {@code sk = JOB#{jobId}#LOCATION}, so deleting a job (a prefix delete of JOB#{jobId}) removes
 * it too, and a location update never contends with the job's revision. The envelope's numbers
 * are kept as attributes for spatial filters; {@link SpatialIndex} cell records index it for spatial search.
 */
public final class LocationStore {
    private final Table table;

    public LocationStore(Table table) {
        this.table = table;
    }

    /**
     * Writes (or replaces) the job's location: new index cells, then the record, then the old
     * location's cells that the new one does not share (see {@link SpatialIndex}).
     */
    public void put(String itemId, String jobId, Location location) {
        SpatialIndex index = new SpatialIndex(table);
        Optional<Map<String, AttributeValue>> old = table.get(Keys.item(itemId), Keys.jobLocation(jobId));
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.jobLocation(jobId)));
        record.put("geometry", Table.s(Json.write(location.esriJson())));
        record.put("geometryType", Table.s(location.geometryType()));
        record.put("xmin", number(location.envelope().getMinX()));
        record.put("ymin", number(location.envelope().getMinY()));
        record.put("xmax", number(location.envelope().getMaxX()));
        record.put("ymax", number(location.envelope().getMaxY()));
        RecordSize.requireFits(record); // before the index cells: a location refused leaves nothing behind
        index.add(itemId, jobId, location.envelope());
        table.put(record);
        old.ifPresent(replaced -> index.remove(itemId, jobId, envelopeOf(replaced), location.envelope()));
    }

    /** Removes the job's spatial index entries (its location record goes with the job's records). */
    public void remove(String itemId, String jobId) {
        table.get(Keys.item(itemId), Keys.jobLocation(jobId)).ifPresent(old -> new SpatialIndex(table).remove(itemId, jobId, envelopeOf(old), null));
    }

    /** The job's location as stored Esri JSON in 3857, if it has one. */
    public Optional<ObjectNode> get(String itemId, String jobId) {
        return table.get(Keys.item(itemId), Keys.jobLocation(jobId)).map(record -> parse(record, jobId));
    }

    /** The stored location record's envelope, as written by {@link #put}. */
    static org.locationtech.jts.geom.Envelope envelopeOf(Map<String, AttributeValue> record) {
        return new org.locationtech.jts.geom.Envelope(Double.parseDouble(record.get("xmin").n()), Double.parseDouble(record.get("xmax").n()),
                Double.parseDouble(record.get("ymin").n()), Double.parseDouble(record.get("ymax").n()));
    }

    /** The stored locations of these jobs (those that have one) as JTS geometries in 3857, by job id. */
    public Map<String, org.locationtech.jts.geom.Geometry> geometries(String itemId, java.util.Collection<String> jobIds) {
        Map<String, org.locationtech.jts.geom.Geometry> geometries = new java.util.LinkedHashMap<>();
        var records = table.batchGet(Keys.item(itemId), jobIds.stream().map(Keys::jobLocation).toList());
        for (String jobId : jobIds) {
            Map<String, AttributeValue> record = records.get(Keys.jobLocation(jobId));
            if (record != null) {
                geometries.put(jobId, GeometryReader.read(parse(record, jobId), "location").geometry());
            }
        }
        return geometries;
    }

    private static ObjectNode parse(Map<String, AttributeValue> record, String jobId) {
        try {
            return (ObjectNode) Json.read(record.get("geometry").s());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored location of job " + jobId + " is not JSON", e);
        }
    }

    private static AttributeValue number(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }
}
