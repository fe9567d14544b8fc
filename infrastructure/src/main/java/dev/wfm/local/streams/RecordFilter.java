package dev.wfm.local.streams;

import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * An event source mapping's FilterCriteria: a record goes to the function when it matches one of the
 * patterns (EventBridge's pattern syntax, matched by EventBridge's own matcher, event-ruler), or
 * always when there are none. The records it drops count as processed, as on AWS.
 */
final class RecordFilter {
    private final Machine machine;

    RecordFilter(List<String> patterns) {
        if (patterns.isEmpty()) {
            machine = null;
            return;
        }
        machine = new Machine();
        for (int i = 0; i < patterns.size(); i++) {
            try {
                machine.addRule("filter-" + i, patterns.get(i));
            } catch (Exception e) {
                throw new IllegalArgumentException("The filter pattern " + patterns.get(i) + " is not a valid pattern: " + e.getMessage(), e);
            }
        }
    }

    boolean passes(ShardRecord record) {
        if (machine == null) {
            return true;
        }
        return !machine.rulesForJSONEvent(record.lambdaJson()).isEmpty();
    }
}
