package dev.wfm.jobs;

/**
 * One write of a related record: {@code ADD} must find no record with its id, {@code UPDATE} and
 * {@code DELETE} must find one, so a record deleted or added concurrently is never silently
 * resurrected or doubled.
 */
public record RelatedWrite(Kind kind, RelatedRecord record) {
    public enum Kind { ADD, UPDATE, DELETE }
}
