package dev.wfm.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.lambda.LambdaInvokeException;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.lambda.LambdaResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lambda functions for tests: Java lambdas by name. An exception thrown by one is answered the way
 * the Java runtime answers it (a function error whose errorType is the exception's class name); an
 * unknown name fails the invocation with Lambda.ResourceNotFoundException.
 */
final class FakeLambdas implements LambdaInvoker {

    @FunctionalInterface
    interface Function {
        Object handle(JsonNode payload) throws Exception;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> calls = new ConcurrentHashMap<>();
    /** Tokens recorded by {@link #tokenRecorder}, in arrival order. */
    final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

    FakeLambdas register(String name, Function function) {
        functions.put(name, function);
        return this;
    }

    /** A function that records the "token" member of its payload, as a step-activation function does. */
    Function tokenRecorder() {
        return payload -> {
            tokens.add(payload.get("token").asText());
            return Map.of("recorded", true);
        };
    }

    String nextToken() throws InterruptedException {
        String token = tokens.poll(10, TimeUnit.SECONDS);
        if (token == null) {
            throw new AssertionError("No task token arrived within 10 s");
        }
        return token;
    }

    int callCount(String name) {
        return callTimes(name).size();
    }

    List<Long> callTimes(String name) {
        return calls.getOrDefault(name, List.of());
    }

    @Override
    public LambdaResult invoke(String functionNameOrArn, byte[] payloadJson) throws LambdaInvokeException {
        String name = functionNameOrArn.substring(functionNameOrArn.lastIndexOf(':') + 1);
        Function function = functions.get(name);
        if (function == null) {
            throw new LambdaInvokeException("Lambda.ResourceNotFoundException", "Function not found: " + functionNameOrArn);
        }
        calls.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        try {
            Object answer = function.handle(MAPPER.readTree(payloadJson));
            return new LambdaResult(MAPPER.writeValueAsBytes(answer), null, "$LATEST");
        } catch (Exception e) {
            String error = "{\"errorMessage\":" + quote(e.getMessage()) + ",\"errorType\":" + quote(e.getClass().getName())
                    + ",\"stackTrace\":[]}";
            return new LambdaResult(error.getBytes(StandardCharsets.UTF_8), "Unhandled", "$LATEST");
        }
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
