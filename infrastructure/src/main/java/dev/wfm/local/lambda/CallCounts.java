package dev.wfm.local.lambda;

import dev.wfm.common.Log;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
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
 * benchmarks read it ({@link #snapshot}) to report the calls a flow makes. Counting is a map
 * increment per call.
 */
public final class CallCounts implements ExecutionInterceptor {
    static final String UNATTRIBUTED = "(other threads)";
    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    /** Made by the SDK from its global interceptors file. */
    public CallCounts() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = FUNCTION.get() != null ? FUNCTION.get() : Log.function();
        count((function == null ? UNATTRIBUTED : function) + " " + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** Runs an invocation of {@code function} on this thread, counted, its SDK calls attributed to it. */
    static <T> T invocation(String function, Supplier<T> invocation) {
        count(function + " invocation");
        FUNCTION.set(function);
        try {
            return invocation.get();
        } finally {
            FUNCTION.remove();
        }
    }

    /** The counts so far, by {@code "function service.operation"} and {@code "function invocation"}. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        COUNTS.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    private static void count(String key) {
        COUNTS.computeIfAbsent(key, ignored -> new LongAdder()).increment();
    }
}
