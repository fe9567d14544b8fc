package dev.wfm.local.stepfunctions;

import java.util.Map;

/** States with a start: the whole machine, a Parallel branch or a Map's ItemProcessor. */
record StateGraph(String startAt, Map<String, State> states) {

    State state(String name) {
        return states.get(name);
    }
}
