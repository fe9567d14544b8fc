package dev.wfm.diagrams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-entry, single-exit part of a valid diagram: the whole flow, or one branch of a
 * parallel fork. It is what the compiler turns into one {@code States} map.
 *
 * @param steps the steps directly in this region, in flow order (each fork's own step included,
 *     the steps of its branches not)
 * @param forks the forks directly in this region, by their step's id
 */
record Region(List<Step> steps, Map<String, Fork> forks) {
    Region {
        steps = List.copyOf(steps);
        forks = Collections.unmodifiableMap(new LinkedHashMap<>(forks));
    }

    /** A parallel fork: branches running from one step until its join. */
    record Fork(Step step, Step join, List<Branch> branches) {
        Fork {
            branches = List.copyOf(branches);
        }

        /** Ids of every step inside the branches, nested forks included. */
        List<String> innerStepIds() {
            List<String> ids = new ArrayList<>();
            branches.forEach(branch -> ids.addAll(branch.region().allStepIds()));
            return ids;
        }
    }

    /** One branch: from {@code target} (a step the fork leads to) until the fork's join. */
    record Branch(Step target, Region region) {}

    List<String> allStepIds() {
        List<String> ids = new ArrayList<>();
        for (Step step : steps) {
            ids.add(step.id());
            Fork fork = forks.get(step.id());
            if (fork != null) {
                ids.addAll(fork.innerStepIds());
            }
        }
        return ids;
    }
}
