package dev.wfm.local.stepfunctions.definition;

import java.util.List;
import java.util.stream.Collectors;

/** The definition cannot run; carries every problem found, not only the first. */
public final class InvalidDefinitionException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidDefinitionException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("; ")), null, false, false);
    }
}
