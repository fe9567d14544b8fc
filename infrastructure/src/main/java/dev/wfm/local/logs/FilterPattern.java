package dev.wfm.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Predicate;

/**
 * The part of CloudWatch Logs' filter pattern syntax for JSON log events that the functions' log
 * route uses: {@code { $.level = "WARN" && ($.requestId = "r-1" || $.requestId != "r-2") }}, string
 * comparisons of top-level or dotted fields ({@code $.a.b}) joined by {@code &&} and {@code ||}
 * (which binds looser) and grouped by parentheses. An empty pattern matches every event; an event
 * whose message is not a JSON object matches no JSON pattern, as in CloudWatch. Anything else is
 * refused as CloudWatch refuses an invalid pattern.
 */
final class FilterPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private int at;

    private FilterPattern(String text) {
        this.text = text;
    }

    /** The events' messages the pattern matches; IllegalArgumentException when it is not a pattern of this subset. */
    static Predicate<String> parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return message -> true;
        }
        FilterPattern parser = new FilterPattern(pattern.trim());
        parser.expect('{');
        Predicate<JsonNode> condition = parser.or();
        parser.expect('}');
        parser.skipSpaces();
        if (parser.at != parser.text.length()) {
            throw parser.invalid("text after the closing brace");
        }
        return message -> {
            try {
                JsonNode event = JSON.readTree(message);
                return event != null && event.isObject() && condition.test(event);
            } catch (Exception notJson) {
                return false;
            }
        };
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (consume("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = term();
        while (consume("&&")) {
            left = left.and(term());
        }
        return left;
    }

    private Predicate<JsonNode> term() {
        if (consume("(")) {
            Predicate<JsonNode> inner = or();
            expect(')');
            return inner;
        }
        String field = selector();
        boolean equal;
        if (consume("!=")) {
            equal = false;
        } else if (consume("=")) {
            equal = true;
        } else {
            throw invalid("= or != after " + field);
        }
        String value = quoted();
        String[] path = field.substring(2).split("\\.");
        return event -> {
            JsonNode node = event;
            for (String name : path) {
                node = node.path(name);
            }
            boolean matches = node.isValueNode() && !node.isNull() && node.asText().equals(value);
            return equal == matches;
        };
    }

    private String selector() {
        skipSpaces();
        int start = at;
        if (!text.startsWith("$.", at)) {
            throw invalid("a selector $.field");
        }
        at += 2;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '.')) {
            at++;
        }
        if (at == start + 2) {
            throw invalid("a field name after $.");
        }
        return text.substring(start, at);
    }

    private String quoted() {
        skipSpaces();
        if (at >= text.length() || text.charAt(at) != '"') {
            throw invalid("a quoted value");
        }
        int end = text.indexOf('"', at + 1);
        if (end < 0) {
            throw invalid("the closing quote");
        }
        String value = text.substring(at + 1, end);
        at = end + 1;
        return value;
    }

    private boolean consume(String token) {
        skipSpaces();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private void expect(char token) {
        if (!consume(String.valueOf(token))) {
            throw invalid("'" + token + "'");
        }
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException invalid(String expected) {
        return new IllegalArgumentException("Invalid filter pattern: expected " + expected + " at character " + at + " of " + text);
    }
}
