package dev.wfm.local.stepfunctions.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An execution's history, which is also its replay journal: recording an event whose key and type
 * are already there returns the recorded one instead, so re-running an execution from the start
 * after a restart re-creates nothing it had done and reads back every outcome it had.
 */
public final class History {

    /** AWS fails an execution whose history would grow past this. */
    public static final int MAX_EVENTS = 25_000;

    private final List<HistoryEvent> events = new ArrayList<>();
    private final Map<String, HistoryEvent> byKey = new HashMap<>();
    private final Consumer<HistoryEvent> journal;
    private boolean closed;

    public History(List<HistoryEvent> recorded, Consumer<HistoryEvent> journal) {
        this.journal = journal;
        recorded.forEach(this::index);
    }

    private void index(HistoryEvent event) {
        if (!event.isMark()) {
            events.add(event);
        }
        byKey.put(event.key() + '|' + event.type(), event);
    }

    /**
     * Appends an event unless one with the same key and type exists. Once the history is closed
     * (the execution ended), late events of stopped branches are dropped: the answer is transient.
     */
    public synchronized HistoryEvent record(String key, String type, long previousEventId, ObjectNode details,
            ObjectNode internal) {
        HistoryEvent existing = byKey.get(key + '|' + type);
        if (existing != null) {
            return existing;
        }
        HistoryEvent event = new HistoryEvent(events.size() + 1L, previousEventId, System.currentTimeMillis(), type, key,
                details, internal);
        if (closed) {
            return event;
        }
        index(event);
        journal.accept(event);
        return event;
    }

    /** An internal fact for replay (e.g. when a retry is due), invisible to GetExecutionHistory. */
    public synchronized HistoryEvent mark(String key, String type, ObjectNode internal) {
        HistoryEvent existing = byKey.get(key + '|' + type);
        if (existing != null || closed) {
            return existing != null ? existing : new HistoryEvent(0, 0, System.currentTimeMillis(), type, key, null, internal);
        }
        HistoryEvent mark = new HistoryEvent(0, 0, System.currentTimeMillis(), type, key, null, internal);
        index(mark);
        journal.accept(mark);
        return mark;
    }

    /** The final event: recorded even past the size limit, and nothing after it. */
    public synchronized HistoryEvent close(String type, long previousEventId, ObjectNode details) {
        HistoryEvent last = record("", type, previousEventId, details, null);
        closed = true;
        return last;
    }

    public synchronized HistoryEvent find(String key, String type) {
        return byKey.get(key + '|' + type);
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized List<HistoryEvent> events() {
        return new ArrayList<>(events);
    }
}
