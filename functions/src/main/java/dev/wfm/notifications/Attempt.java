package dev.wfm.notifications;

/** How one attempt at a delivery ended. */
sealed interface Attempt {
    /** What was done, as the delivery log shows it: {@code POST https://example.org/hook} or {@code email to 2 recipients}. */
    String target();

    record Delivered(String target) implements Attempt {}

    /** Not delivered: {@code message} says why, in the product's words; a {@code transientFailure} may go away when tried again. */
    record Failed(String target, String message, boolean transientFailure) implements Attempt {}
}
