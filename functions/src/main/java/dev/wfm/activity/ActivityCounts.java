package dev.wfm.activity;

import dev.wfm.events.EventConsumer;
import dev.wfm.events.StreamedEvent;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How much happened in a workflow item, day by day (UTC): its job events counted by type, an
 * aggregate the event stream keeps. Each event counts once however often the stream delivers it:
 * the mark that it was counted ({@code CONSUMED#activity#{eventId}}) is written with the counts in one
 * transaction, on condition that it is new. The marks expire after {@link #MARKED_FOR}, long past the
 * day a stream keeps its records.
 */
public final class ActivityCounts implements EventConsumer {
    public static final String NAME = "activity";
    static final Duration MARKED_FOR = Duration.ofDays(7);
    /** A transaction takes 100 writes: the marks of a day's events and the day's counts. */
    private static final int MARKS_PER_WRITE = 99;

    private final Table table;
    private final Clock clock;

    public ActivityCounts(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Counts the events, a transaction per item, day and up to 99 events; one that was counted before is counted by itself, or not at all. */
    @Override
    public void consume(List<StreamedEvent> events) {
        Map<List<String>, List<StreamedEvent>> byItemAndDay = new LinkedHashMap<>();
        events.forEach(event -> byItemAndDay.computeIfAbsent(List.of(event.itemId(), day(event)), key -> new ArrayList<>()).add(event));
        byItemAndDay.values().forEach(sameDay -> {
            for (int i = 0; i < sameDay.size(); i += MARKS_PER_WRITE) {
                List<StreamedEvent> chunk = sameDay.subList(i, Math.min(sameDay.size(), i + MARKS_PER_WRITE));
                if (!table.transact(counted(chunk))) {
                    chunk.forEach(this::countOnce);
                }
            }
        });
    }

    /** The counts of the item's job events of a day, by event type. */
    public Map<String, Long> day(String itemId, LocalDate date) {
        Map<String, Long> counts = new TreeMap<>();
        table.get(Keys.item(itemId), Keys.activityDay(date.toString())).ifPresent(record -> record.forEach((name, value) -> {
            if (value.n() != null) {
                counts.put(name, Long.parseLong(value.n()));
            }
        }));
        return counts;
    }

    private void countOnce(StreamedEvent event) {
        if (!table.transact(counted(List.of(event))) && table.get(Keys.item(event.itemId()), mark(event)).isEmpty()) {
            throw new IllegalStateException("The activity counts of item '" + event.itemId() + "' stayed busy; event " + event.eventId()
                    + " is not counted yet");
        }
    }

    /** The writes that count events of one item and day: each one's mark, new, and the day's counts. */
    private List<TransactWriteItem> counted(List<StreamedEvent> events) {
        StreamedEvent first = events.get(0);
        String expiresAt = Long.toString(clock.instant().plus(MARKED_FOR).getEpochSecond());
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, Integer> byType = new TreeMap<>();
        for (StreamedEvent event : events) {
            Map<String, AttributeValue> record = new HashMap<>(Table.key(Keys.item(event.itemId()), mark(event)));
            record.put("expiresAt", AttributeValue.fromN(expiresAt));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(record)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            byType.merge(event.event().getClass().getSimpleName(), 1, Integer::sum);
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        byType.forEach((type, count) -> {
            String n = Integer.toString(names.size());
            names.put("#t" + n, type);
            values.put(":n" + n, AttributeValue.fromN(Integer.toString(count)));
            adds.add("#t" + n + " :n" + n);
        });
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(Table.key(Keys.item(first.itemId()), Keys.activityDay(day(first))))
                .updateExpression("ADD " + String.join(", ", adds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build());
        return writes;
    }

    private static String mark(StreamedEvent event) {
        return Keys.consumedEvent(NAME, event.eventId());
    }

    private static String day(StreamedEvent event) {
        return LocalDate.ofInstant(event.event().at(), ZoneOffset.UTC).toString();
    }
}
