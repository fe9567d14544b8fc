package dev.wfm.local;

import java.util.function.BooleanSupplier;

/** Polls for what the cloud does asynchronously (executions, workers), failing after a deadline. */
public final class Await {
    private Await() {}

    public static void until(BooleanSupplier condition, long timeoutMillis, String what) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
