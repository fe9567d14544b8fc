package dev.wfm.diagrams;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Readable, unique state names of at most 80 characters (the Step Functions limit), made from
 * the step they belong to: {@code "Review request (review)"}, {@code "After Review request
 * (review)"}. The step id is kept whole, so names stay unique and traceable; the step name is
 * shortened with "…" when the whole would be too long. Asking twice for the same state gives the
 * same name.
 */
final class StateNames {
    static final int MAX_LENGTH = 80;
    private static final String ELLIPSIS = "…";

    private final Set<String> used = new HashSet<>();
    private final Map<String, String> given = new HashMap<>();

    /** Claims a name that no step-derived name may take. */
    String fixed(String name) {
        used.add(name);
        return name;
    }

    /** The step's work: its Task. */
    String task(Step step) {
        return name("task", step, "", "");
    }

    /** The Choice that routes after the step. */
    String route(Step step) {
        return name("route", step, "After ", "");
    }

    /** Where an automated step goes when it fails: a person decides. */
    String failed(Step step) {
        return name("failed", step, "", " failed");
    }

    /** Where a step goes when no path matches: a person decides. */
    String noMatch(Step step) {
        return name("noMatch", step, "", " matched no path");
    }

    String parallel(Step fork) {
        return name("parallel", fork, "Parallel after ", "");
    }

    /** The first state of a branch: its resume dispatch. */
    String branchStart(Step target) {
        return name("branchStart", target, "Branch to ", "");
    }

    String branchEnd(Step target) {
        return name("branchEnd", target, "End of branch to ", "");
    }

    /** The Succeed state after an end step. */
    String completed(Step end) {
        return name("completed", end, "Job complete at ", "");
    }

    private String name(String kind, Step step, String prefix, String suffix) {
        return given.computeIfAbsent(kind + '\n' + step.id(),
                key -> unique(fit(prefix, clean(step.name()), " (" + step.id() + ")" + suffix)));
    }

    /** prefix + name + rest, shortening the name first, then the whole. */
    private static String fit(String prefix, String name, String rest) {
        int room = MAX_LENGTH - length(prefix) - length(rest);
        if (length(name) > room) {
            name = room > length(ELLIPSIS) ? cut(name, room - length(ELLIPSIS)).trim() + ELLIPSIS : "";
        }
        String whole = (prefix + name + rest).replace("  ", " ").trim();
        return length(whole) <= MAX_LENGTH ? whole : cut(whole, MAX_LENGTH - 1) + ELLIPSIS;
    }

    private String unique(String name) {
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            String tag = " #" + n;
            candidate = length(name) + length(tag) <= MAX_LENGTH
                    ? name + tag : cut(name, MAX_LENGTH - length(tag)) + tag;
        }
        return candidate;
    }

    /** Control characters and runs of white space become one space. */
    private static String clean(String name) {
        return name == null ? "" : name.replaceAll("[\\p{Cntrl}\\p{Z}\\s]+", " ").trim();
    }

    /**
     * Length in UTF-16 units, as Java (and Step Functions' own Java-based checks) count: a character
     * outside the BMP, such as an emoji, counts two. A name within 80 units is within 80 however
     * "characters" are counted (code points never outnumber UTF-16 units).
     */
    private static int length(String text) {
        return text.length();
    }

    /** The first {@code units} UTF-16 units, one fewer rather than splitting a surrogate pair. */
    private static String cut(String text, int units) {
        int end = Math.min(units, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
