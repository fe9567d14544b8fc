package dev.wfm.search;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A parsed query compiled once into a predicate over a record's field values (LIKE patterns become
 * regular expressions once, not per record). Two-valued logic: a comparison, IN or LIKE on a
 * missing (null) value is false, and NOT negates that, so {@code NOT assignedTo = 'amy'} matches
 * unassigned jobs while {@code assignedTo <> 'amy'} does not.
 */
public final class Condition {
    private Condition() {}

    public static Predicate<Function<String, Object>> compile(Expr expr) {
        if (expr instanceof Expr.Or or) {
            var left = compile(or.left());
            var right = compile(or.right());
            return values -> left.test(values) || right.test(values);
        }
        if (expr instanceof Expr.And and) {
            var left = compile(and.left());
            var right = compile(and.right());
            return values -> left.test(values) && right.test(values);
        }
        if (expr instanceof Expr.Not not) {
            return compile(not.operand()).negate();
        }
        if (expr instanceof Expr.Compare compare) {
            return values -> compare(values.apply(compare.field()), compare.op(), compare.value());
        }
        if (expr instanceof Expr.In in) {
            Set<Object> set = new HashSet<>(in.values());
            return values -> {
                Object value = values.apply(in.field());
                return value != null && (set.contains(value)
                        || value instanceof java.math.BigDecimal && in.values().stream().anyMatch(v -> compareValues(value, v) == 0));
            };
        }
        if (expr instanceof Expr.Like like) {
            Pattern pattern = likePattern(like.pattern());
            return values -> {
                Object value = values.apply(like.field());
                return value != null && pattern.matcher(value.toString()).matches();
            };
        }
        if (expr instanceof Expr.IsNull isNull) {
            return values -> values.apply(isNull.field()) == null;
        }
        throw new IllegalStateException("Unknown expression " + expr);
    }

    private static boolean compare(Object value, Expr.Op op, Object literal) {
        if (value == null) {
            return false;
        }
        int order = compareValues(value, literal);
        return switch (op) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }

    /** Values of one field share a type (the parser converted the literal to it); BigDecimals compare by value, so 2 = 2.0. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /** LIKE as a case-insensitive regular expression: every character literal except {@code %} and {@code _}. */
    static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** Free text: every whitespace-separated term appears, case-insensitively, in one of the texts. */
    public static Predicate<List<String>> freeText(String search) {
        List<String> terms = List.of(search.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        return texts -> terms.stream().allMatch(term -> texts.stream()
                .anyMatch(text -> text != null && text.toLowerCase(Locale.ROOT).contains(term)));
    }
}
