package dev.wfm.jobs.commands;

import dev.wfm.jobs.Rejection;
import java.util.List;
import java.util.Optional;

/** One named precondition of a command ({@link Guards} has them): it passes (empty) or says why not. */
@FunctionalInterface
public interface Guard {
    Optional<Rejection> check();

    /** The first of the guards, in order, that refuses; empty when all pass. */
    static Optional<Rejection> first(List<Guard> guards) {
        for (Guard guard : guards) {
            Optional<Rejection> rejection = guard.check();
            if (rejection.isPresent()) {
                return rejection;
            }
        }
        return Optional.empty();
    }
}
