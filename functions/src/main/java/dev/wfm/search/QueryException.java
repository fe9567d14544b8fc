package dev.wfm.search;

/** A query that cannot be parsed or does not fit the fields, with the character position (0-based) at fault. */
public final class QueryException extends RuntimeException {
    private final String reason;
    private final int position;

    QueryException(String reason, int position) {
        super(reason + " at position " + position);
        this.reason = reason;
        this.position = position;
    }

    /** The same fault found {@code offset} characters further on, in the text the query was cut from. */
    public QueryException shifted(int offset) {
        return new QueryException(reason, position + offset);
    }

    public int position() {
        return position;
    }
}
