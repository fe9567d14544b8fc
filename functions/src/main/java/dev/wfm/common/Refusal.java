package dev.wfm.common;

import java.util.List;
import java.util.Map;

/**
 * A request the domain or the store refuses: of which {@link Kind} (the contract's error code),
 * why ({@code message}), at which field ({@code target}, may be null), every problem at once
 * ({@code details}) and values a client may act on ({@code meta}, such as {@code limitBytes}).
 * It knows no HTTP status: the HTTP edge maps the kind to one, in one place ({@code http.ErrorCode}).
 *
 * <p>Not final: {@code http.ApiException} is the name a refusal keeps as a Lambda function error.
 */
public class Refusal extends RuntimeException {
    /** What kind of refusal, named as the contract's error codes. */
    public enum Kind {
        INVALID_ARGUMENT,
        UNAUTHENTICATED,
        PERMISSION_DENIED,
        NOT_FOUND,
        CONFLICT,
        PAYLOAD_TOO_LARGE,
        /** An Idempotency-Key first used with another request: nothing is created, the first request is not answered. */
        IDEMPOTENCY_KEY_REUSED
    }

    /** One problem among several, for example one validation problem of a diagram. */
    public record Detail(String code, String message, String target) {}

    private final Kind kind;
    private final String target;
    private final List<Detail> details;
    private final Map<String, String> meta;

    public Refusal(Kind kind, String message, String target, List<Detail> details, Map<String, String> meta) {
        super(message);
        this.kind = kind;
        this.target = target;
        this.details = List.copyOf(details);
        this.meta = Map.copyOf(meta);
    }

    public static Refusal invalid(String message, String target) {
        return new Refusal(Kind.INVALID_ARGUMENT, message, target, List.of(), Map.of());
    }

    public static Refusal notFound(String message, String target) {
        return new Refusal(Kind.NOT_FOUND, message, target, List.of(), Map.of());
    }

    public static Refusal denied(String message) {
        return new Refusal(Kind.PERMISSION_DENIED, message, null, List.of(), Map.of());
    }

    /**
     * An {@code Idempotency-Key} repeated with another request than the one it was first used with:
     * a key stands for one request, and a different request under it is a client's mistake, not a retry.
     */
    public static Refusal idempotencyKeyReused(String idempotencyKey) {
        return new Refusal(Kind.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + idempotencyKey + "' was first used with a"
                + " different request; a retry must repeat the first request exactly, and a new request needs a new key",
                "Idempotency-Key", List.of(), Map.of());
    }

    public static Refusal conflict(String message, String target) {
        return new Refusal(Kind.CONFLICT, message, target, List.of(), Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public String target() {
        return target;
    }

    public List<Detail> details() {
        return details;
    }

    public Map<String, String> meta() {
        return meta;
    }
}
