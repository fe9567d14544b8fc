package dev.wfm.local.stepfunctions.definition;

/** One problem in a definition, as ValidateStateMachineDefinition reports it. */
public record Diagnostic(String code, String message, String location) {

    @Override
    public String toString() {
        return code + ": " + message + (location == null ? "" : " at " + location);
    }
}
