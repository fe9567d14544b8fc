package dev.wfm.search;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recursive-descent parser of the search language (precedence NOT over AND over OR):
 * <pre>
 *   query     := or END
 *   or        := and ( OR and )*
 *   and       := not ( AND not )*
 *   not       := NOT not | primary
 *   primary   := '(' or ')' | field predicate
 *   predicate := op literal | [NOT] IN '(' literal (',' literal)* ')' | [NOT] LIKE string | IS [NOT] NULL
 *   op        := = | <> | != | < | <= | > | >=
 *   literal   := string | number | TRUE | FALSE | DATE string | time
 *   time      := ( NOW '(' ')' | TODAY '(' ')' ) [ ( '+' | '-' ) offset ]
 *   offset    := whole number (of days) | duration (7d, 12h, 30m, 45s)
 * </pre>
 * Every field is checked against the catalog and every literal converted to the field's type as
 * it is parsed, so a query that parses can be evaluated without errors. Errors carry the position.
 * {@code now()} is the time the query is parsed at (given: one search, one now), {@code today()}
 * the start of its day in UTC (as a DATE literal's day is); they compare with date fields only.
 */
public final class QueryParser {
    public static final int MAX_LENGTH = 4000;
    static final int MAX_DEPTH = 100;
    static final int MAX_IN_VALUES = 200;
    /** The most digits an offset of now() or today() has: it stays far inside the range of times. */
    static final int MAX_OFFSET_DIGITS = 9;

    private final List<Token> tokens;
    private final Function<String, Optional<FieldType>> fields;
    private final Instant now;
    private int index;
    private int depth;

    private QueryParser(List<Token> tokens, Function<String, Optional<FieldType>> fields, Instant now) {
        this.tokens = tokens;
        this.fields = fields;
        this.now = now;
    }

    /** Parses a query over the job fields at {@code now}. */
    public static Expr parse(String query, Instant now) {
        return parse(query, name -> JobField.named(name).map(JobField::type), now);
    }

    public static Expr parse(String query, Function<String, Optional<FieldType>> fields, Instant now) {
        if (query.length() > MAX_LENGTH) {
            throw new QueryException("The query is " + query.length() + " characters long; the limit is " + MAX_LENGTH, MAX_LENGTH);
        }
        QueryParser parser = new QueryParser(Lexer.tokens(query), fields, now);
        if (parser.peek().kind() == Token.Kind.END) {
            throw new QueryException("The query is empty", 0);
        }
        Expr expr = parser.or();
        parser.expect(Token.Kind.END, "AND, OR or the end of the query");
        return expr;
    }

    private Expr or() {
        Expr left = and();
        while (accept(Token.Kind.OR)) {
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (accept(Token.Kind.AND)) {
            left = new Expr.And(left, not());
        }
        return left;
    }

    private Expr not() {
        Token token = peek();
        if (accept(Token.Kind.NOT)) {
            enter(token);
            Expr operand = not();
            depth--;
            return new Expr.Not(operand);
        }
        return primary();
    }

    private Expr primary() {
        Token token = peek();
        if (accept(Token.Kind.LPAREN)) {
            enter(token);
            Expr inner = or();
            expect(Token.Kind.RPAREN, "')' closing the '(' at position " + token.position());
            depth--;
            return inner;
        }
        Token name = expect(Token.Kind.IDENTIFIER, "a field name or '('");
        FieldType type = fields.apply(name.text())
                .orElseThrow(() -> new QueryException("Unknown field '" + name.text() + "'", name.position()));
        return predicate(name.text(), type);
    }

    private Expr predicate(String field, FieldType type) {
        Token token = next();
        switch (token.kind()) {
            case EQ: return new Expr.Compare(field, Expr.Op.EQ, literal(type));
            case NE: return new Expr.Compare(field, Expr.Op.NE, literal(type));
            case LT: return new Expr.Compare(field, Expr.Op.LT, literal(type));
            case LE: return new Expr.Compare(field, Expr.Op.LE, literal(type));
            case GT: return new Expr.Compare(field, Expr.Op.GT, literal(type));
            case GE: return new Expr.Compare(field, Expr.Op.GE, literal(type));
            case IN: return in(field, type);
            case LIKE: return like(field, type, token);
            case IS:
                boolean negated = accept(Token.Kind.NOT);
                expect(Token.Kind.NULL, "NULL");
                return negated ? new Expr.Not(new Expr.IsNull(field)) : new Expr.IsNull(field);
            case NOT:
                Token after = next();
                if (after.kind() == Token.Kind.IN) {
                    return new Expr.Not(in(field, type));
                }
                if (after.kind() == Token.Kind.LIKE) {
                    return new Expr.Not(like(field, type, after));
                }
                throw new QueryException("Expected IN or LIKE after NOT, but found " + after.describe(), after.position());
            default:
                throw new QueryException("Expected a comparison (=, <>, <, <=, >, >=, IN, LIKE, IS NULL) after '" + field
                        + "', but found " + token.describe(), token.position());
        }
    }

    private Expr in(String field, FieldType type) {
        expect(Token.Kind.LPAREN, "'(' opening the IN list");
        List<Object> values = new ArrayList<>();
        do {
            if (values.size() == MAX_IN_VALUES) {
                throw new QueryException("An IN list holds at most " + MAX_IN_VALUES + " values", peek().position());
            }
            values.add(literal(type));
        } while (accept(Token.Kind.COMMA));
        expect(Token.Kind.RPAREN, "',' or ')' closing the IN list");
        return new Expr.In(field, values);
    }

    private Expr like(String field, FieldType type, Token like) {
        if (type != FieldType.STRING) {
            throw new QueryException("LIKE applies to text fields; '" + field + "' is " + type.name().toLowerCase(), like.position());
        }
        Token pattern = expect(Token.Kind.STRING, "a quoted pattern after LIKE");
        return new Expr.Like(field, pattern.text());
    }

    private Object literal(FieldType type) {
        Token token = next();
        switch (type) {
            case STRING:
                if (token.kind() == Token.Kind.STRING) {
                    return token.text();
                }
                throw mismatch(token, "a quoted string");
            case NUMBER:
                if (token.kind() == Token.Kind.NUMBER) {
                    return new BigDecimal(token.text());
                }
                throw mismatch(token, "a number");
            case BOOLEAN:
                if (token.kind() == Token.Kind.TRUE || token.kind() == Token.Kind.NUMBER && token.text().equals("1")) {
                    return Boolean.TRUE;
                }
                if (token.kind() == Token.Kind.FALSE || token.kind() == Token.Kind.NUMBER && token.text().equals("0")) {
                    return Boolean.FALSE;
                }
                throw mismatch(token, "TRUE, FALSE, 1 or 0");
            case DATE:
                if (token.kind() == Token.Kind.IDENTIFIER && (token.text().equalsIgnoreCase("now") || token.text().equalsIgnoreCase("today"))) {
                    return relativeTime(token);
                }
                Token text = token.kind() == Token.Kind.DATE ? expect(Token.Kind.STRING, "a quoted date after DATE") : token;
                if (text.kind() == Token.Kind.STRING) {
                    return time(text);
                }
                throw mismatch(token, "a date such as '2026-01-01' or '2026-01-01T12:00:00Z', now() or today()");
            default:
                throw new IllegalStateException(type.name());
        }
    }

    /** {@code now()} or {@code today()}, with an offset when one follows. */
    private Instant relativeTime(Token function) {
        String name = function.text().toLowerCase(java.util.Locale.ROOT);
        expect(Token.Kind.LPAREN, "'(' after " + name);
        expect(Token.Kind.RPAREN, "')': " + name + "() takes no arguments");
        Instant base = name.equals("now") ? now : now.truncatedTo(ChronoUnit.DAYS);
        Token sign = peek();
        if (accept(Token.Kind.PLUS) || accept(Token.Kind.MINUS)) {
            Duration offset = offset(next(), sign);
            return sign.kind() == Token.Kind.PLUS ? base.plus(offset) : base.minus(offset);
        }
        if ((sign.kind() == Token.Kind.NUMBER || sign.kind() == Token.Kind.DURATION) && sign.text().startsWith("-")) {
            next(); // "now() -7d": the minus was read with the number
            return base.minus(offset(new Token(sign.kind(), sign.text().substring(1), sign.position() + 1), sign));
        }
        return base;
    }

    /** A whole number of days, or of the duration's unit. */
    private static Duration offset(Token token, Token after) {
        String text = token.text();
        boolean duration = token.kind() == Token.Kind.DURATION;
        String digits = duration ? text.substring(0, text.length() - 1) : text;
        if (token.kind() != Token.Kind.NUMBER && !duration || digits.isEmpty() || digits.length() > MAX_OFFSET_DIGITS
                || !digits.chars().allMatch(Character::isDigit)) {
            throw new QueryException("Expected an offset after '" + after.text() + "' such as 7d, 12h, 30m, 45s or a whole number of days"
                    + " (at most " + MAX_OFFSET_DIGITS + " digits), but found " + token.describe(), token.position());
        }
        long amount = Long.parseLong(digits);
        return switch (duration ? text.charAt(text.length() - 1) : 'd') {
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 's' -> Duration.ofSeconds(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Instant time(Token token) {
        try {
            if (token.text().length() == 10) {
                return LocalDate.parse(token.text()).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(token.text());
        } catch (DateTimeParseException e) {
            throw new QueryException("Expected a date such as '2026-01-01' or '2026-01-01T12:00:00Z', but found "
                    + token.describe(), token.position());
        }
    }

    private static QueryException mismatch(Token token, String expected) {
        return new QueryException("Expected " + expected + ", but found " + token.describe(), token.position());
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw new QueryException("The query nests deeper than " + MAX_DEPTH + " levels", token.position());
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }

    private boolean accept(Token.Kind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    private Token expect(Token.Kind kind, String what) {
        Token token = peek();
        if (token.kind() != kind) {
            throw new QueryException("Expected " + what + ", but found " + token.describe(), token.position());
        }
        return next();
    }
}
