package dev.wfm.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The functions' log: one JSON object a line on standard error, which Lambda sends to CloudWatch
 * Logs, where Logs Insights queries the fields:
 * <pre>
 *   {"time":"2026-01-05T10:00:00.123Z","level":"WARN","message":"A Step Functions call failed; it stays owed",
 *    "requestId":"8f5c…","function":"wfm-job-api","call":"StartExecution",
 *    "errorType":"software.amazon.awssdk.core.exception.SdkClientException","errorMessage":"Unable to execute HTTP request…",
 *    "stack":["software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build:111","dev.wfm.jobs.OwedCalls.make:46", …]}
 * </pre>
 * The request id and function name are those of the invocation the thread runs: the handler's
 * edge sets them ({@link #during}) and clears them after, per thread, because the local cloud runs
 * many invocations at once in one process; work handed to another thread takes them along
 * ({@link #carried}). A message says what happened; fields, given as name-value pairs, name ids,
 * kinds and counts. Never a body, a token or a secret: a field whose name says it holds one
 * ({@link #REDACTED_NAMES}) is written as {@value #REDACTED}, and texts are shortened to
 * {@value #MAX_TEXT} characters. Lines are ASCII (other characters escaped), so no console
 * encoding garbles them. No logging framework: this is all the functions need of one, without its
 * jar or its start-up cost.
 */
public final class Log {
    public enum Level { INFO, WARN, ERROR }

    /** Field names (any case, anywhere in the name) whose values are never written. */
    static final Set<String> REDACTED_NAMES = Set.of("token", "secret", "password", "authorization", "credential", "signature",
            "cookie", "body", "payload");
    static final String REDACTED = "[redacted]";
    static final int MAX_TEXT = 1000;
    static final int MAX_FRAMES = 10;
    private static final String OWN_CODE = "dev.wfm.";

    private record Invocation(String requestId, String function) {}

    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    private Log() {}

    public static void info(String message, Object... fields) {
        write(Level.INFO, message, null, fields);
    }

    public static void warn(String message, Object... fields) {
        write(Level.WARN, message, null, fields);
    }

    public static void warn(String message, Throwable error, Object... fields) {
        write(Level.WARN, message, error, fields);
    }

    public static void error(String message, Throwable error, Object... fields) {
        write(Level.ERROR, message, error, fields);
    }

    /**
     * The access line of a request or message answered, begun at {@code startedNanos} ({@link System#nanoTime}): the route
     * as declared (never the path with its ids), the status, a refusal's error code and the user (null when none).
     */
    public static void answered(String route, int status, String code, long startedNanos, String user) {
        info("Request answered", "route", route, "status", status, "code", code, "latencyMs", (System.nanoTime() - startedNanos) / 1_000_000,
                "user", user);
    }

    /** Runs one invocation with its request id and function name (from {@code context}; none without one) on every line it logs. */
    public static <T> T during(Context context, Supplier<T> invocation) {
        Invocation outer = enter(context == null ? null : new Invocation(context.getAwsRequestId(), context.getFunctionName()));
        try {
            return invocation.get();
        } finally {
            enter(outer);
        }
    }

    /** The name of the function whose invocation this thread runs, or works for ({@link #carried}); null outside one. */
    public static String function() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? null : invocation.function();
    }

    /** The work, to run on another thread as part of this thread's invocation: its lines name the same request. */
    public static <T> Callable<T> carried(Callable<T> work) {
        Invocation invocation = CURRENT.get();
        return () -> {
            Invocation outer = enter(invocation);
            try {
                return work.call();
            } finally {
                enter(outer);
            }
        };
    }

    /** Makes {@code invocation} (null: none) this thread's; answers the one it replaces. */
    private static Invocation enter(Invocation invocation) {
        Invocation outer = CURRENT.get();
        if (invocation == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(invocation);
        }
        return outer;
    }

    private static void write(Level level, String message, Throwable error, Object[] fields) {
        System.err.println(line(Instant.now(), level, message, error, fields));
    }

    /** The line logged at {@code time}, as written to standard error. */
    static String line(Instant time, Level level, String message, Throwable error, Object... fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Writer.FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("time", time.toString());
            json.writeStringField("level", level.name());
            json.writeStringField("message", shortened(message));
            Invocation invocation = CURRENT.get();
            if (invocation != null) {
                json.writeStringField("requestId", invocation.requestId());
                json.writeStringField("function", invocation.function());
            }
            for (int i = 0; i < fields.length; i += 2) {
                String name = String.valueOf(fields[i]);
                field(json, name, redacted(name) ? REDACTED : i + 1 < fields.length ? fields[i + 1] : null);
            }
            if (error != null) {
                error(json, error);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void field(JsonGenerator json, String name, Object value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else {
            json.writeString(shortened(value.toString()));
        }
    }

    /**
     * The error's type and message; where it was thrown, then the way there through the functions'
     * own frames (a library's dozens of frames say less); and its root cause.
     */
    private static void error(JsonGenerator json, Throwable error) throws IOException {
        json.writeStringField("errorType", error.getClass().getName());
        if (error.getMessage() != null) {
            json.writeStringField("errorMessage", shortened(error.getMessage()));
        }
        json.writeArrayFieldStart("stack");
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0, written = 0; i < frames.length && written < MAX_FRAMES; i++) {
            if (i == 0 || frames[i].getClassName().startsWith(OWN_CODE)) {
                json.writeString(frames[i].getClassName() + "." + frames[i].getMethodName() + ":" + frames[i].getLineNumber());
                written++;
            }
        }
        json.writeEndArray();
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause != error) {
            json.writeStringField("cause", shortened(cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
        }
    }

    private static boolean redacted(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return REDACTED_NAMES.stream().anyMatch(lower::contains);
    }

    private static String shortened(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    /** Made on the first line written, not when an invocation starts: a cold start that logs nothing pays nothing for it. */
    private static final class Writer {
        static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    }
}
