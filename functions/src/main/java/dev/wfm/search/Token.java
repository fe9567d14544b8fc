package dev.wfm.search;

/** One token of a query; {@code position} is the 0-based character offset where it starts. */
record Token(Kind kind, String text, int position) {
    enum Kind {
        IDENTIFIER, STRING, NUMBER,
        /** A whole number with a unit: 7d, 12h, 30m, 45s (a time offset). */
        DURATION,
        AND, OR, NOT, IN, LIKE, IS, NULL, DATE, TRUE, FALSE,
        EQ, NE, LT, LE, GT, GE,
        PLUS, MINUS, LPAREN, RPAREN, COMMA, END
    }

    /** How an error message names the token. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the query";
            case STRING -> "the string '" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
