package dev.wfm.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.runtime.DaemonThreads;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.Intrinsics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the template's Lambda handlers in this process, the way the Java runtime does: the JSON
 * payload is read into the handler's declared input type with the runtime's own serializers
 * ({@code aws-lambda-java-serialization}), and an exception becomes a function error whose
 * {@code errorType} is the exception's class name. A handler is built on its first invocation
 * (a cold start) and then reused; the handlers are stateless, so concurrent use is safe.
 *
 * <p>As on AWS, where each concurrent invocation has a sandbox of its own, each runs on a thread of
 * its own, so a slow function delays no other; and an invocation still running at its function's
 * {@code Timeout} is cut off: the caller gets Lambda's timeout error and the handler is interrupted.
 */
public final class InProcessLambdas implements LambdaInvoker, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, FunctionSpec> functions;
    private final Map<String, LoadedHandler> loaded = new ConcurrentHashMap<>();
    private final ExecutorService sandboxes = Executors.newCachedThreadPool(DaemonThreads.named("lambda"));
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lambda-timeouts"));

    public InProcessLambdas(List<FunctionSpec> functions) {
        this.functions = functions.stream().collect(Collectors.toUnmodifiableMap(FunctionSpec::logicalId, Function.identity()));
    }

    @Override
    public LambdaResult invoke(String functionNameOrArn, byte[] payloadJson) throws LambdaInvokeException {
        CompletableFuture<LambdaResult> outcome = start(functionNameOrArn, payloadJson);
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LambdaInvokeException("Lambda.ServiceException", "Interrupted while waiting for " + functionNameOrArn, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("An invocation's outcome is always an answer", e.getCause());
        }
    }

    /**
     * Starts an invocation and answers its outcome, never exceptional: the function's answer, its
     * error, or, once the function's {@code Timeout} has passed, Lambda's timeout error.
     */
    public CompletableFuture<LambdaResult> start(String functionNameOrArn, byte[] payloadJson) throws LambdaInvokeException {
        String name = Intrinsics.functionName(functionNameOrArn);
        FunctionSpec spec = functions.get(name);
        if (spec == null) {
            throw new LambdaInvokeException("Lambda.ResourceNotFoundException", "Function not found: " + functionNameOrArn);
        }
        LocalContext context = LocalContext.forInvocation(name, spec.timeoutSeconds());
        CompletableFuture<LambdaResult> outcome = new CompletableFuture<>();
        Future<?> running = sandboxes.submit(() -> outcome.complete(run(spec, payloadJson, context)));
        ScheduledFuture<?> cutOff = timeouts.schedule(() -> {
            if (outcome.complete(timedOut(context, spec.timeoutSeconds()))) {
                System.err.println("[" + name + "] " + context.awsRequestId() + " Task timed out after " + spec.timeoutSeconds() + " seconds");
                running.cancel(true);
            }
        }, spec.timeoutSeconds(), TimeUnit.SECONDS);
        outcome.whenComplete((result, error) -> cutOff.cancel(false));
        return outcome;
    }

    private LambdaResult run(FunctionSpec spec, byte[] payloadJson, LocalContext context) {
        LoadedHandler handler;
        try {
            handler = loaded.computeIfAbsent(spec.logicalId(), ignored -> LoadedHandler.load(spec));
        } catch (RuntimeException e) {
            return failure(e.getCause() != null ? e.getCause() : e);
        }
        return CallCounts.invocation(spec.logicalId(), () -> {
            try {
                return new LambdaResult(handler.invoke(payloadJson, context), null, "$LATEST");
            } catch (Throwable e) {
                return failure(e);
            }
        });
    }

    /** What Lambda answers for an invocation it cut off at the function's timeout. */
    private static LambdaResult timedOut(LocalContext context, int timeoutSeconds) {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("errorType", "Sandbox.Timedout");
        payload.put("errorMessage", "RequestId: " + context.awsRequestId() + " Error: Task timed out after " + timeoutSeconds + ".00 seconds");
        return errorResult(payload);
    }

    @Override
    public void close() {
        timeouts.shutdownNow();
        sandboxes.shutdownNow();
    }

    /** The error payload Lambda returns for an unhandled exception. */
    private static LambdaResult failure(Throwable error) {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("errorMessage", String.valueOf(error.getMessage()));
        payload.put("errorType", error.getClass().getName());
        ArrayNode trace = payload.putArray("stackTrace");
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 20); i++) {
            trace.add(frames[i].toString());
        }
        return errorResult(payload);
    }

    private static LambdaResult errorResult(ObjectNode payload) {
        try {
            return new LambdaResult(MAPPER.writeValueAsBytes(payload), "Unhandled", "$LATEST");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One handler instance and how to feed it. */
    private interface LoadedHandler {
        byte[] invoke(byte[] payload, Context context) throws Exception;

        static LoadedHandler load(FunctionSpec spec) {
            String className = spec.handler().split("::")[0];
            try {
                Class<?> type = Class.forName(className, true, InProcessLambdas.class.getClassLoader());
                Object instance = type.getDeclaredConstructor().newInstance();
                if (instance instanceof RequestStreamHandler stream) {
                    return (payload, context) -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        stream.handleRequest(new ByteArrayInputStream(payload), out, context);
                        return out.toByteArray();
                    };
                }
                if (instance instanceof RequestHandler<?, ?> handler) {
                    return typed(handler, type);
                }
                throw new IllegalArgumentException(className + " is neither a RequestHandler nor a RequestStreamHandler");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot build handler " + spec.handler() + " of " + spec.logicalId(), e);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static LoadedHandler typed(RequestHandler handler, Class<?> type) {
            Class<?> input = Object.class;
            Class<?> output = Object.class;
            for (Type candidate : type.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    input = raw(parameterized.getActualTypeArguments()[0]);
                    output = raw(parameterized.getActualTypeArguments()[1]);
                }
            }
            if (input == Object.class) {
                input = handlerMethodParameter(type);
            }
            ClassLoader loader = type.getClassLoader();
            PojoSerializer in = LambdaEventSerializers.serializerFor(input, loader);
            PojoSerializer out = output == Object.class ? null : LambdaEventSerializers.serializerFor(output, loader);
            return (payload, context) -> {
                Object event = in.fromJson(new ByteArrayInputStream(payload));
                Object result = handler.handleRequest(event, context);
                if (result == null) {
                    return "null".getBytes();
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                (out != null ? out : LambdaEventSerializers.serializerFor(result.getClass(), loader)).toJson(result, bytes);
                return bytes.toByteArray();
            };
        }

        /** For handlers that inherit {@code handleRequest} from a generic base class. */
        private static Class<?> handlerMethodParameter(Class<?> type) {
            for (Method method : type.getMethods()) {
                if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()) {
                    return method.getParameterTypes()[0];
                }
            }
            return Object.class;
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType p) {
                return (Class<?>) p.getRawType();
            }
            return Object.class;
        }
    }
}
