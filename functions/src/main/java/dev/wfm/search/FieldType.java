package dev.wfm.search;

/** What kind of value a searchable field holds, which decides the literals it accepts and how it compares. */
public enum FieldType {
    /** Compared exactly (case-sensitive) and in code-point order; LIKE is case-insensitive. */
    STRING,
    /** Compared as decimals. */
    NUMBER,
    /** {@code true}/{@code false} or {@code 1}/{@code 0}. */
    BOOLEAN,
    /** ISO-8601 times (or dates, meaning midnight UTC), compared as instants. */
    DATE
}
