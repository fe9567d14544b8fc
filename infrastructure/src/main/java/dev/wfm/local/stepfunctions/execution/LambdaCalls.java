package dev.wfm.local.stepfunctions.execution;

import dev.wfm.local.lambda.LambdaInvokeException;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import dev.wfm.local.stepfunctions.definition.StatesError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Calls the {@link LambdaInvoker} off the interpreter's threads and turns its answers into task results or errors. */
final class LambdaCalls {

    private static final String UNKNOWN_ERROR = "Lambda.Unknown";
    private static final String SERVICE_ERROR = "Lambda.ServiceException";

    private final LambdaInvoker invoker;
    private final Executor executor;

    LambdaCalls(LambdaInvoker invoker, Executor executor) {
        this.invoker = invoker;
        this.executor = executor;
    }

    /**
     * @param wrapped answer lambda:invoke's shape {@code {ExecutedVersion, Payload, StatusCode, ...}}
     *     rather than the bare payload a plain Lambda ARN task gets
     */
    CompletableFuture<Object> invoke(String function, Object payload, boolean wrapped) {
        byte[] request = JsonValues.write(payload).getBytes(StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(function, request, wrapped);
            } catch (StatesError e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    private Object call(String function, byte[] request, boolean wrapped) throws StatesError {
        LambdaResult result;
        try {
            result = invoker.invoke(function, request);
        } catch (LambdaInvokeException e) {
            throw new StatesError(e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            throw new StatesError(SERVICE_ERROR, "The Lambda invocation failed: " + e);
        }
        String text = result.payload() == null ? "" : new String(result.payload(), StandardCharsets.UTF_8);
        if (result.functionError() != null) {
            // AWS: the error is the function's errorType (a Java exception's class name), the cause its whole answer.
            throw new StatesError(errorType(text), text);
        }
        Object answer = text.isBlank() ? null : parseOrText(text);
        return wrapped ? invokeResponse(answer, result.executedVersion()) : answer;
    }

    private static String errorType(String payload) {
        try {
            return JsonValues.parse(payload) instanceof Map<?, ?> error && error.get("errorType") instanceof String type
                    ? type : UNKNOWN_ERROR;
        } catch (IOException e) {
            return UNKNOWN_ERROR;
        }
    }

    private static Object parseOrText(String text) {
        try {
            return JsonValues.parse(text);
        } catch (IOException e) {
            return text;
        }
    }

    /** What Step Functions' lambda:invoke integration answers, with the metadata the SDK adds. */
    private static Map<String, Object> invokeResponse(Object payload, String executedVersion) {
        String version = executedVersion == null ? "$LATEST" : executedVersion;
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Connection", "keep-alive");
        headers.put("Content-Type", "application/json");
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.put("X-Amz-Executed-Version", version);
        headers.put("x-amzn-RequestId", requestId);
        Map<String, Object> allHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> allHeaders.put(name, List.of(value)));
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("AllHttpHeaders", allHeaders);
        http.put("HttpHeaders", headers);
        http.put("HttpStatusCode", 200);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("ExecutedVersion", version);
        response.put("Payload", payload);
        response.put("SdkHttpMetadata", http);
        response.put("SdkResponseMetadata", Map.of("RequestId", requestId));
        response.put("StatusCode", 200);
        return response;
    }
}
