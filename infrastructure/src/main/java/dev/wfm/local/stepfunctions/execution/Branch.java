package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.stepfunctions.history.HistoryEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * One sequential walk through a graph: the whole execution, a Parallel branch or a Map iteration.
 * It owns its variables (a copy of the outer scope's, so its assignments do not leak out, as in
 * AWS) and numbers its state visits, which makes replay keys deterministic.
 */
final class Branch {

    /** Prefix of every replay key in this branch, e.g. "Fan#1.0[2]/"; empty at the root. */
    final String path;
    final Map<String, Object> variables;
    final Cancellation cancellation;
    private final Map<String, Integer> visits = new HashMap<>();
    private long lastEventId;
    private long lastEventMillis;

    private Branch(String path, Map<String, Object> variables, Cancellation cancellation, HistoryEvent last) {
        this.path = path;
        this.variables = variables;
        this.cancellation = cancellation;
        advanced(last);
    }

    static Branch root(Cancellation cancellation, HistoryEvent started) {
        return new Branch("", new HashMap<>(), cancellation, started);
    }

    Branch child(String childPath, Cancellation childCancellation, HistoryEvent parentEvent) {
        return new Branch(childPath, new HashMap<>(variables), childCancellation, parentEvent);
    }

    /** The replay key of the next visit of a state, e.g. "Approve#2" for its second visit. */
    String nextVisitKey(String stateName) {
        return path + stateName + "#" + visits.merge(stateName, 1, Integer::sum);
    }

    synchronized void advanced(HistoryEvent event) {
        lastEventId = event.id();
        lastEventMillis = event.timestamp();
    }

    synchronized long lastEventId() {
        return lastEventId;
    }

    /** The time of this branch's latest event: the "now" its expressions see. */
    synchronized long lastEventMillis() {
        return lastEventMillis;
    }
}
