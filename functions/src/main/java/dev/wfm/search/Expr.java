package dev.wfm.search;

import java.util.List;

/**
 * A parsed query. Values are already typed for their field's {@link FieldType} (String, BigDecimal,
 * Boolean or Instant); negated
 * forms ({@code NOT IN}, {@code NOT LIKE}, {@code IS NOT NULL}, {@code <>}) are kept as written
 * only where it helps planning: {@code <>} is a comparison, the others are {@link Not}.
 */
public sealed interface Expr {
    record Or(Expr left, Expr right) implements Expr {}

    record And(Expr left, Expr right) implements Expr {}

    record Not(Expr operand) implements Expr {}

    record Compare(String field, Op op, Object value) implements Expr {}

    record In(String field, List<Object> values) implements Expr {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code %} any run of characters, {@code _} one character; case-insensitive. */
    record Like(String field, String pattern) implements Expr {}

    record IsNull(String field) implements Expr {}

    enum Op { EQ, NE, LT, LE, GT, GE }
}
