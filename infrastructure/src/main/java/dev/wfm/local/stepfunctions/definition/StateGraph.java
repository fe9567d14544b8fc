package dev.wfm.local.stepfunctions.definition;

import java.util.Map;

/** States with a start: the whole machine, a Parallel branch or a Map's ItemProcessor. */
public record StateGraph(String startAt, Map<String, State> states) {

    public State state(String name) {
        return states.get(name);
    }
}
