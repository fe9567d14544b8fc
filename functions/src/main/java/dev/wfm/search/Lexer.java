package dev.wfm.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a query into tokens. Strings are single-quoted with {@code ''} for a quote; identifiers
 * are letters, digits, {@code _} and {@code .} (for {@code table.field}); keywords are
 * case-insensitive; a whole number directly followed by d, h, m or s is a duration ({@code 7d}).
 * Nothing here is ever evaluated as code: a string token is a value.
 */
final class Lexer {
    private static final Map<String, Token.Kind> KEYWORDS = Map.ofEntries(
            Map.entry("AND", Token.Kind.AND), Map.entry("OR", Token.Kind.OR), Map.entry("NOT", Token.Kind.NOT),
            Map.entry("IN", Token.Kind.IN), Map.entry("LIKE", Token.Kind.LIKE), Map.entry("IS", Token.Kind.IS),
            Map.entry("NULL", Token.Kind.NULL), Map.entry("DATE", Token.Kind.DATE),
            Map.entry("TRUE", Token.Kind.TRUE), Map.entry("FALSE", Token.Kind.FALSE));

    /** The units of a duration: days, hours, minutes, seconds. */
    private static final String DURATION_UNITS = "dhms";

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new Lexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        if (c == '\'') {
            return string(start);
        }
        if (Character.isDigit(c) || (c == '-' || c == '.') && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '.')) {
                pos++;
            }
            String word = text.substring(start, pos);
            Token.Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
            return new Token(keyword == null ? Token.Kind.IDENTIFIER : keyword, word, start);
        }
        pos++;
        switch (c) {
            case '(': return new Token(Token.Kind.LPAREN, "(", start);
            case ')': return new Token(Token.Kind.RPAREN, ")", start);
            case ',': return new Token(Token.Kind.COMMA, ",", start);
            case '+': return new Token(Token.Kind.PLUS, "+", start);
            case '-': return new Token(Token.Kind.MINUS, "-", start);
            case '=': return new Token(Token.Kind.EQ, "=", start);
            case '<':
                if (peek('=')) {
                    return new Token(Token.Kind.LE, "<=", start);
                }
                if (peek('>')) {
                    return new Token(Token.Kind.NE, "<>", start);
                }
                return new Token(Token.Kind.LT, "<", start);
            case '>':
                return peek('=') ? new Token(Token.Kind.GE, ">=", start) : new Token(Token.Kind.GT, ">", start);
            case '!':
                if (peek('=')) {
                    return new Token(Token.Kind.NE, "!=", start);
                }
                break;
            default:
                break;
        }
        throw new QueryException("Unexpected character '" + c + "'", start);
    }

    private boolean peek(char expected) {
        if (pos < text.length() && text.charAt(pos) == expected) {
            pos++;
            return true;
        }
        return false;
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    value.append('\'');
                    pos++;
                    continue;
                }
                return new Token(Token.Kind.STRING, value.toString(), start);
            }
            value.append(c);
        }
        throw new QueryException("Unterminated string (a quote inside a string is written '')", start);
    }

    private Token number(int start) {
        if (text.charAt(pos) == '-') {
            pos++;
        }
        boolean dot = false;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.' && !dot)) {
            dot |= text.charAt(pos) == '.';
            pos++;
        }
        if (!dot && pos < text.length() && DURATION_UNITS.indexOf(text.charAt(pos)) >= 0 && !wordAt(pos + 1)) {
            pos++;
            return new Token(Token.Kind.DURATION, text.substring(start, pos), start);
        }
        if (wordAt(pos)) {
            throw new QueryException("Malformed number '" + text.substring(start, pos + 1) + "'", start);
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, pos), start);
    }

    /** Whether a letter, digit or {@code _} is at {@code at}: a word goes on there. */
    private boolean wordAt(int at) {
        return at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
    }
}
