package dev.wfm.jobs.diagram;

import dev.wfm.diagrams.Diagram;
import dev.wfm.diagrams.Path;
import dev.wfm.jobs.events.HistoryEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a job has been on its diagram, read from its history: the steps it finished (a person
 * finished or skipped them, a web request was answered, a wait ended, a child job was created or
 * closed, an end step was reached), and the paths it took, each from a finished step to the next
 * step that became current. Out of a step with a choice (paths with return codes or conditions)
 * the path taken is the one to the successor reached first after the step finished; out of a
 * fork, every successor reached after it. A jump (SetCurrentStep, a reopening) is no path taken.
 */
public record Walk(Set<String> finished, Set<Path> taken) {
    /** The history actions that end a step's visit (as the history names them). */
    static final Set<String> ENDS = Set.of("StepFinished", "StepSkipped", "WaitEnded", "ChildJobCreated", "ChildJobClosed", "JobCompleted");
    /** The history actions that move a job to a step without a path. */
    static final Set<String> JUMPS = Set.of("CurrentStepSet", "JobReopened");

    public Walk {
        finished = Set.copyOf(finished);
        taken = Set.copyOf(taken);
    }

    public static Walk of(Diagram diagram, List<HistoryEntry> history) {
        Set<String> finished = new HashSet<>();
        Set<Path> taken = new HashSet<>();
        for (int i = 0; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            if (entry.stepId() == null || !ENDS.contains(entry.action())) {
                continue;
            }
            finished.add(entry.stepId());
            List<Path> out = diagram.paths().stream().filter(path -> path.from().equals(entry.stepId())).toList();
            boolean choice = out.stream().anyMatch(Path::guarded);
            Path first = null;
            int firstAt = Integer.MAX_VALUE;
            for (Path path : out) {
                int reached = reached(history, i, path.to());
                if (reached < 0) {
                    continue;
                }
                if (!choice) {
                    taken.add(path);
                } else if (reached < firstAt) {
                    first = path;
                    firstAt = reached;
                }
            }
            if (first != null) {
                taken.add(first);
            }
        }
        return new Walk(finished, taken);
    }

    /** Where after entry {@code from} the job next reached step {@code stepId} without a jump first; -1 if it did not. */
    private static int reached(List<HistoryEntry> history, int from, String stepId) {
        for (int j = from + 1; j < history.size(); j++) {
            HistoryEntry entry = history.get(j);
            if (JUMPS.contains(entry.action())) {
                return -1;
            }
            if (stepId.equals(entry.stepId())) {
                return j;
            }
        }
        return -1;
    }
}
