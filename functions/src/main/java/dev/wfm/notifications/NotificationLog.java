package dev.wfm.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.events.StreamedEvent;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Every delivery of a rule, one record per rule and event ({@code ITEM#{itemId}} /
 * {@code NOTIFYDELIVERY#{ruleId}#{event time}#{eventId}}), kept {@link #KEPT} (the table's TTL
 * removes it). Writing it is how a delivery is claimed: the first write must find none, so an
 * event handed over twice is delivered once. Every later write is conditional on the revision
 * read. While it is Pending the record sits on the due index at its next attempt (or, while an
 * attempt is under way, at the end of its lease, so an attempt cut off is made again). It keeps
 * the event as templates see it ({@code $event}, no secrets) to render a retry; its view
 * ({@code doc}) is what the log answers: never a rendered body or header.
 */
public final class NotificationLog {
    static final Duration KEPT = Duration.ofDays(30);
    static final String DUE_PARTITION = Keys.duePartition("NOTIFICATION");
    public static final String PENDING = "Pending";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    /** The log's own page tokens: an event's time and id, base64url. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{13}#[^#]{1,300}");
    private static final int MAX_ERROR_CHARS = 2000;
    /** The event a delivery renders, kept for its retries. */
    private static final String NOTIFIED_EVENT = "notifiedEvent";

    /** One stored delivery: where it is, the revision read, its view and the event it delivers. */
    record Entry(String itemId, String ruleId, String sortKey, long revision, ObjectNode view, ObjectNode event) {
        int attempts() {
            return view.path("attempts").asInt();
        }

        String eventId() {
            return view.path("eventId").asText();
        }

        String jobId() {
            return view.path("jobId").asText();
        }
    }

    /** One page of a rule's deliveries, newest first; {@code nextToken} continues it. */
    public record Page(List<ObjectNode> deliveries, String nextToken) {}

    private final Table table;
    private final Clock clock;

    public NotificationLog(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** Claims the rule's delivery of the event; empty when it was claimed before (delivered, given up, or still being tried). */
    Optional<Entry> claim(String itemId, NotificationRule rule, StreamedEvent streamed, ObjectNode event, Instant now, Duration lease) {
        ObjectNode view = Json.object()
                .put("eventId", streamed.eventId())
                .put("jobId", streamed.jobId())
                .put("activity", event.path("activity").asText())
                .put("eventAt", streamed.event().at().toString())
                .put("status", PENDING)
                .put("attempts", 0)
                .put("expiresAt", now.plus(KEPT).toString());
        String sortKey = Keys.notificationDelivery(rule.ruleId(), streamed.event().at(), streamed.eventId());
        Entry entry = new Entry(itemId, rule.ruleId(), sortKey, 1, view, event);
        return table.putNew(record(entry, now.plus(lease))) ? Optional.of(entry) : Optional.empty();
    }

    /** Writes the next state of a delivery read at {@code read}, due again at {@code dueAt} (null: never); empty when another writer was first. */
    Optional<Entry> write(Entry read, ObjectNode view, Instant dueAt) {
        if (view.has("error") && view.path("error").asText().length() > MAX_ERROR_CHARS) {
            view.put("error", view.path("error").asText().substring(0, MAX_ERROR_CHARS) + "…");
        }
        Entry next = new Entry(read.itemId(), read.ruleId(), read.sortKey(), read.revision() + 1, view, read.event());
        boolean written = table.putIf(PutItemRequest.builder()
                .item(record(next, dueAt))
                .conditionExpression("revision = :read")
                .expressionAttributeValues(Map.of(":read", AttributeValue.fromN(Long.toString(read.revision())))));
        return written ? Optional.of(next) : Optional.empty();
    }

    /** Deliveries whose next attempt (or whose cut-off attempt's lease) is due at {@code now}: a Query of the due index. */
    List<Entry> due(Instant now) {
        return table.queryAll(QueryRequest.builder()
                        .indexName(Keys.DUE_INDEX)
                        .keyConditionExpression("duePk = :p AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":p", Table.s(DUE_PARTITION), ":now", Table.s(Keys.dueTime(now)))))
                .stream().map(NotificationLog::entry).toList();
    }

    /**
     * Up to {@code limit} deliveries of a rule older than the page {@code after} ended at (null: the
     * newest), of one status or all; expired ones (TTL removes them within days) are skipped.
     */
    public Page page(String itemId, String ruleId, String status, int limit, String after) {
        String prefix = Keys.notificationDeliveryPrefix(ruleId);
        Table.LogPage page = table.logPage(Keys.item(itemId), prefix, status, clock.instant(), limit,
                after == null ? null : prefix + fromToken(after));
        List<ObjectNode> deliveries = page.records().stream().map(record -> parse(record.get("doc").s())).toList();
        return new Page(deliveries, page.more()
                ? token(page.records().get(page.records().size() - 1).get(Keys.SK).s().substring(prefix.length())) : null);
    }

    /** Whether a page token is one this log gave. */
    public static boolean isToken(String token) {
        try {
            return TOKEN.matcher(fromToken(token)).matches();
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static String token(String suffix) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(suffix.getBytes(StandardCharsets.UTF_8));
    }

    private static String fromToken(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    }

    private static Map<String, AttributeValue> record(Entry entry, Instant dueAt) {
        Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(entry.itemId()), entry.sortKey()));
        record.put("ruleId", Table.s(entry.ruleId()));
        record.put("revision", AttributeValue.fromN(Long.toString(entry.revision())));
        record.put("status", Table.s(entry.view().path("status").asText()));
        record.put("expiresAt", AttributeValue.fromN(Long.toString(Instant.parse(entry.view().path("expiresAt").asText()).getEpochSecond())));
        // not "events" nor "event": the stream's filter lets through the records carrying job events by those attributes
        record.put(NOTIFIED_EVENT, Table.s(Json.write(entry.event())));
        record.put("doc", Table.s(Json.write(entry.view())));
        if (dueAt != null) {
            record.put("duePk", Table.s(DUE_PARTITION));
            record.put("dueAt", Table.s(Keys.dueTime(dueAt)));
        }
        return record;
    }

    private static Entry entry(Map<String, AttributeValue> record) {
        return new Entry(Keys.itemIdOf(record.get(Keys.PK).s()), record.get("ruleId").s(), record.get(Keys.SK).s(),
                Long.parseLong(record.get("revision").n()), parse(record.get("doc").s()), parse(record.get(NOTIFIED_EVENT).s()));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored notification delivery is not JSON", e);
        }
    }
}
