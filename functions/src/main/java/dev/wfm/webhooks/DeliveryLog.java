package dev.wfm.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.store.Keys;
import dev.wfm.store.RecordSize;
import dev.wfm.store.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Every verified delivery of a webhook, kept {@link #KEPT} (the table's TTL attribute
 * {@code expiresAt} removes it later; reads skip it once expired), under
 * {@code ITEM#{itemId}} / {@code DELIVERY#{webhookId}#{deliveryId}} so a webhook's deliveries are
 * one Query, newest first (delivery ids sort by time). The record's {@code doc} is the view an
 * admin sees; a failed delivery also keeps its payload, credentials already stripped, gzipped in
 * {@code payload} for a replay, and the sender's Idempotency-Key (its submission id when the
 * webhook has no idExpression). A succeeded delivery keeps no payload: its jobs hold what was
 * mapped, and the form data need not be kept twice. A payload that does not fit a record
 * ({@value #MAX_PAYLOAD_BYTES} bytes gzipped, under DynamoDB's 400 KB) is not kept, and says so.
 */
public final class DeliveryLog {
    static final Duration KEPT = Duration.ofDays(30);
    /**
     * A kept payload, gzipped, leaves the rest of its record (the view, whose error message is
     * shortened to {@link #MAX_ERROR_CHARS}; the sender's key, within the gateway's header limit)
     * 100 KB of the {@link RecordSize#MAX_BYTES} every write is checked against.
     */
    static final int MAX_PAYLOAD_BYTES = RecordSize.MAX_BYTES - 100 * 1024;
    /** An error's message and target as the log keeps them (the sender's answer has them whole). */
    static final int MAX_ERROR_CHARS = 2000;
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    /** A stored delivery: its view, and what a replay needs (absent once it succeeded). */
    public record Entry(long revision, ObjectNode view, ObjectNode payload, String senderKey) {}

    /** One page of a webhook's deliveries, newest first; {@code nextToken} continues it. */
    public record Page(List<ObjectNode> deliveries, String nextToken) {}

    private final Table table;
    private final Clock clock;

    public DeliveryLog(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /**
     * Records a new delivery. Writing a view completes it: {@code expiresAt}, {@code replayable}
     * (failed, with its payload kept) and, for a failed one that is not, {@code notReplayableBecause}.
     */
    public ObjectNode add(String itemId, String webhookId, ObjectNode view, ObjectNode payload, String senderKey) {
        Instant expires = clock.instant().plus(KEPT);
        view.put("expiresAt", expires.toString());
        Map<String, AttributeValue> record = record(itemId, webhookId, 1, view, payload, senderKey, expires);
        if (!table.putNew(record)) {
            throw new IllegalStateException("Delivery id " + view.path("deliveryId").asText() + " collided");
        }
        return view;
    }

    public Optional<Entry> get(String itemId, String webhookId, String deliveryId) {
        return table.get(Keys.item(itemId), Keys.delivery(webhookId, deliveryId)).filter(this::live).map(DeliveryLog::entry);
    }

    /** Replaces an entry still at the revision read; false when another replay wrote first. */
    public boolean replace(String itemId, String webhookId, Entry read, ObjectNode view, ObjectNode payload) {
        Instant expires = Instant.parse(read.view().path("expiresAt").asText());
        return table.putIf(PutItemRequest.builder()
                .item(record(itemId, webhookId, read.revision() + 1, view, payload, read.senderKey(), expires))
                .conditionExpression("revision = :read")
                .expressionAttributeValues(Map.of(":read", AttributeValue.fromN(Long.toString(read.revision())))));
    }

    /** Up to {@code limit} deliveries older than {@code after} (a delivery id; null for the newest), of one status or all. */
    public Page page(String itemId, String webhookId, String status, int limit, String after) {
        Table.LogPage page = table.logPage(Keys.item(itemId), Keys.deliveryPrefix(webhookId), status, clock.instant(), limit,
                after == null ? null : Keys.delivery(webhookId, after));
        List<ObjectNode> deliveries = page.records().stream().map(record -> parse(record.get("doc").s())).toList();
        return new Page(deliveries, page.more() ? deliveries.get(deliveries.size() - 1).path("deliveryId").asText() : null);
    }

    private Map<String, AttributeValue> record(String itemId, String webhookId, long revision, ObjectNode view, ObjectNode payload,
                                               String senderKey, Instant expires) {
        String deliveryId = view.path("deliveryId").asText();
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(itemId), Keys.delivery(webhookId, deliveryId)));
        record.put("revision", AttributeValue.fromN(Long.toString(revision)));
        record.put("status", Table.s(view.path("status").asText()));
        record.put("expiresAt", AttributeValue.fromN(Long.toString(expires.getEpochSecond())));
        view.remove("notReplayableBecause");
        boolean failed = FAILED.equals(view.path("status").asText());
        byte[] packed = failed && payload != null ? gzip(Json.write(payload)) : null;
        if (packed != null && packed.length > MAX_PAYLOAD_BYTES) {
            view.put("notReplayableBecause", "The payload is " + packed.length + " bytes compressed; a delivery keeps at most "
                    + MAX_PAYLOAD_BYTES + " to replay");
            packed = null;
        } else if (failed && payload == null) {
            view.put("notReplayableBecause", "The payload was not a JSON object, so there is nothing to map again");
        }
        view.put("replayable", packed != null);
        if (packed != null) {
            record.put("payload", AttributeValue.fromB(SdkBytes.fromByteArray(packed)));
            if (senderKey != null) {
                record.put("senderKey", Table.s(senderKey));
            }
        }
        record.put("doc", Table.s(Json.write(view)));
        return record;
    }

    private boolean live(Map<String, AttributeValue> record) {
        return Long.parseLong(record.get("expiresAt").n()) > clock.instant().getEpochSecond();
    }

    private static Entry entry(Map<String, AttributeValue> record) {
        AttributeValue payload = record.get("payload");
        AttributeValue senderKey = record.get("senderKey");
        return new Entry(Long.parseLong(record.get("revision").n()), parse(record.get("doc").s()),
                payload == null ? null : parse(gunzip(payload.b().asByteArray())), senderKey == null ? null : senderKey.s());
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored delivery is not JSON", e);
        }
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] packed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
