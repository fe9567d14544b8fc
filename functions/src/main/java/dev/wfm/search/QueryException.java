package dev.wfm.search;

/** A query that cannot be parsed or does not fit the fields, with the character position (0-based) at fault. */
public final class QueryException extends RuntimeException {
    private final int position;

    QueryException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
