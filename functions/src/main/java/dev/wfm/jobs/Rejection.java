package dev.wfm.jobs;

import dev.wfm.common.Refusal;
import java.util.List;
import java.util.Map;

/**
 * Why a command was refused, in the voice of the style guide: what was expected, what was found,
 * what to do. {@code code} is the contract's step code (STEP_NOT_CURRENT, ...), {@code kind}
 * the class of refusal it belongs to.
 */
public record Rejection(String code, Refusal.Kind kind, String message) {
    public static Rejection conflict(String code, String message) {
        return new Rejection(code, Refusal.Kind.CONFLICT, message);
    }

    public static Rejection invalid(String code, String message) {
        return new Rejection(code, Refusal.Kind.INVALID_ARGUMENT, message);
    }

    public static Rejection denied(String code, String message) {
        return new Rejection(code, Refusal.Kind.PERMISSION_DENIED, message);
    }

    public static Rejection notFound(String code, String message) {
        return new Rejection(code, Refusal.Kind.NOT_FOUND, message);
    }

    /** The refusal a request answers with when this rejection is all it got: at {@code target}, naming this as its one detail. */
    public Refusal refusal(String target, String detailTarget, Map<String, String> meta) {
        return new Refusal(kind, message, target, List.of(new Refusal.Detail(code, message, detailTarget)), meta);
    }
}
