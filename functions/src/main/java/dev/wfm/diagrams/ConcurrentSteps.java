package dev.wfm.diagrams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which steps of a valid diagram can be current together, and so can be where an execution is
 * entered ({@code resumeAt}, see {@link AslCompiler}). In a region (the whole flow, or one
 * parallel branch) that is one of its own steps, or steps inside one of its forks only, where
 * each branch holds such a set of its own or none (it has reached the join).
 */
public final class ConcurrentSteps {
    private ConcurrentSteps() {}

    /** Why these steps cannot be current together, if they cannot; none means they can. */
    public static Optional<String> problem(Diagram diagram, Collection<String> stepIds) {
        DiagramValidator.Checked checked = DiagramValidator.check(diagram);
        if (checked.structure() == null) {
            return Optional.of("Diagram '" + diagram.name() + "' is not valid.");
        }
        Set<String> known = diagram.steps().stream().map(Step::id).collect(Collectors.toSet());
        List<String> unknown = stepIds.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            return Optional.of("The diagram has no step " + quoted(unknown) + ".");
        }
        List<String> ends = diagram.steps().stream()
                .filter(step -> step.type() == StepType.END && stepIds.contains(step.id())).map(Step::id).toList();
        if (!ends.isEmpty()) {
            return Optional.of("Step " + quoted(ends) + " ends the job; it is never current.");
        }
        return problem(checked.structure(), new LinkedHashSet<>(stepIds));
    }

    private static Optional<String> problem(Region region, Set<String> ids) {
        List<String> places = new ArrayList<>();
        Region.Fork entered = null;
        for (Step step : region.steps()) {
            if (ids.contains(step.id())) {
                places.add("'" + step.id() + "'");
            }
            Region.Fork fork = region.forks().get(step.id());
            List<String> inside = fork == null ? List.of()
                    : fork.innerStepIds().stream().filter(ids::contains).toList();
            if (!inside.isEmpty()) {
                places.add(quoted(inside) + " (after the fork '" + step.id() + "')");
                entered = fork;
            }
        }
        if (places.size() > 1) {
            return Optional.of("Steps " + String.join(" and ", places) + " follow one another; only steps of "
                    + "different branches of one parallel block can be current together.");
        }
        if (entered != null) {
            for (Region.Branch branch : entered.branches()) {
                Set<String> part = new LinkedHashSet<>(branch.region().allStepIds());
                part.retainAll(ids);
                Optional<String> problem = problem(branch.region(), part);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static String quoted(Collection<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }
}
