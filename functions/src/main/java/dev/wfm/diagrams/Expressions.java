package dev.wfm.diagrams;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.Optional;

/**
 * JSONata as diagrams use it: written {@code {% expr %}} like Amazon States Language, checked with
 * the same parser the runtime evaluates with.
 */
final class Expressions {
    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private Expressions() {}

    /** Whether {@code text} is a whole {@code {% ... %}} template, as ASL recognises one. */
    static boolean isTemplate(String text) {
        return text.startsWith(OPEN) && text.endsWith(CLOSE) && text.length() >= 4;
    }

    /** The expression inside a template. */
    static String inner(String template) {
        return template.substring(OPEN.length(), template.length() - CLOSE.length()).trim();
    }

    /** Why {@code expression} does not parse, if it does not. */
    static Optional<String> syntaxError(String expression) {
        if (expression.isBlank()) {
            return Optional.of("the expression is empty");
        }
        try {
            Jsonata.jsonata(expression);
            return Optional.empty();
        } catch (JException e) {
            return Optional.of(e.getMessage() + " (at character " + e.getLocation() + ")");
        } catch (RuntimeException e) {
            // The parser trips over some malformed input (an unclosed comment or regex, a stray '#')
            // with plain runtime exceptions whose messages mean nothing to an author.
            return Optional.of("it is malformed");
        }
    }

    /**
     * A JSONata string literal with the value {@code text}. JSONata has no {@code \'} escape, so
     * quotes and control characters become {@code \\uXXXX}.
     */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (char c : text.toCharArray()) {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\'' || c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
