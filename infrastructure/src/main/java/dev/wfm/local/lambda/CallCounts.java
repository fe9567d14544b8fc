package dev.wfm.local.lambda;

import dev.wfm.common.Log;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * What the local cloud's functions cost in calls: every Lambda invocation, by function, and every
 * AWS SDK v2 call made in this JVM, by the function whose invocation made it, on its own thread or
 * on a pool's thread doing work the invocation handed over ({@code Log.carried}); "(other threads)"
 * are the calls of no invocation (the local services' own, SnapStart priming). Keys are "function
 * service.operation", such as {@code StepActionsFunction DynamoDb.TransactWriteItems}. The SDK
 * finds this interceptor through its global interceptors file, so no function knows of it; the
 * benchmarks read it ({@link #snapshot}, {@link #nanos}) to report the calls a flow makes and how
 * long they took, measured here, at the caller, so a call's time includes its trip to the local
 * service. Counting is two map increments per call.
 */
public final class CallCounts implements ExecutionInterceptor {
    static final String UNATTRIBUTED = "(other threads)";
    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();
    private static final ExecutionAttribute<String> KEY = new ExecutionAttribute<>("CallCounts.key");
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("CallCounts.started");

    /** Made by the SDK from its global interceptors file. */
    public CallCounts() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = FUNCTION.get() != null ? FUNCTION.get() : Log.function();
        String key = (function == null ? UNATTRIBUTED : function) + " " + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        count(key);
        attributes.putAttribute(KEY, key);
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        timed(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        timed(attributes);
    }

    private static void timed(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            add(NANOS, attributes.getAttribute(KEY), System.nanoTime() - started);
        }
    }

    /** Runs an invocation of {@code function} on this thread, counted, its SDK calls attributed to it. */
    static <T> T invocation(String function, Supplier<T> invocation) {
        String key = function + " invocation";
        count(key);
        FUNCTION.set(function);
        long started = System.nanoTime();
        try {
            return invocation.get();
        } finally {
            add(NANOS, key, System.nanoTime() - started);
            FUNCTION.remove();
        }
    }

    /** The counts so far, by {@code "function service.operation"} and {@code "function invocation"}. */
    public static Map<String, Long> snapshot() {
        return sums(COUNTS);
    }

    /** The time the calls and invocations took so far, in nanoseconds, by the keys of {@link #snapshot}. */
    public static Map<String, Long> nanos() {
        return sums(NANOS);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }

    private static void count(String key) {
        add(COUNTS, key, 1);
    }

    private static void add(Map<String, LongAdder> adders, String key, long amount) {
        adders.computeIfAbsent(key, ignored -> new LongAdder()).add(amount);
    }
}
