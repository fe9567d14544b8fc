package dev.wfm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogTest {
    private static final Instant TIME = Instant.parse("2026-01-05T10:00:00.123Z");

    private static JsonNode parsed(String line) throws Exception {
        return Json.read(line);
    }

    @Test
    void aLineIsOneJsonObjectWithTimeLevelMessageAndTheGivenFieldsInOrder() throws Exception {
        String line = Log.line(TIME, Log.Level.INFO, "Job created", null, "itemId", "it1", "jobs", 3, "resumed", true, "note", null);
        assertFalse(line.contains("\n"));
        JsonNode json = parsed(line);
        assertEquals(List.of("time", "level", "message", "itemId", "jobs", "resumed", "note"), json.properties().stream().map(java.util.Map.Entry::getKey).toList());
        assertEquals("2026-01-05T10:00:00.123Z", json.path("time").asText());
        assertEquals("INFO", json.path("level").asText());
        assertEquals("Job created", json.path("message").asText());
        assertEquals("it1", json.path("itemId").asText());
        assertEquals(3, json.path("jobs").asInt());
        assertTrue(json.path("resumed").asBoolean());
        assertTrue(json.path("note").isNull());
    }

    @Test
    void quotesControlCharactersAndNonAsciiAreEscapedSoALineStaysOneAsciiLine() throws Exception {
        String nasty = "a \"quoted\" \\ back\nslash\r\ttab \u0001 é ✓ \uD83D\uDE00 \u2028";
        String line = Log.line(TIME, Log.Level.WARN, nasty, null, "field\n\"name", nasty);
        assertFalse(line.contains("\n") || line.contains("\r"));
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), line);
        JsonNode json = parsed(line);
        assertEquals(nasty, json.path("message").asText());
        assertEquals(nasty, json.path("field\n\"name").asText());
    }

    @Test
    void fieldsThatNameASecretTokenOrBodyAreRedactedWhateverTheirCase() throws Exception {
        JsonNode json = parsed(Log.line(TIME, Log.Level.INFO, "m", null, "taskToken", "AAAA-token", "clientSecret", "s3cr3t",
                "Authorization", "Bearer eyJ", "password", "p", "x-esriHook-Signature", "sha256=ab", "requestBody", "{\"a\":1}",
                "portalInfoTOKEN", "t", "payload", "{}", "cookie", "c", "credentials", "k", "jobId", "j1"));
        for (String name : List.of("taskToken", "clientSecret", "Authorization", "password", "x-esriHook-Signature", "requestBody",
                "portalInfoTOKEN", "payload", "cookie", "credentials")) {
            assertEquals(Log.REDACTED, json.path(name).asText(), name);
        }
        assertEquals("j1", json.path("jobId").asText(), "other fields are written as given");
        String line = json.toString();
        for (String secret : List.of("AAAA-token", "s3cr3t", "eyJ", "sha256=ab")) {
            assertFalse(line.contains(secret), secret);
        }
    }

    @Test
    void longTextsAreShortened() throws Exception {
        JsonNode json = parsed(Log.line(TIME, Log.Level.INFO, "x".repeat(5000), null, "id", "y".repeat(5000)));
        assertEquals(Log.MAX_TEXT + 1, json.path("message").asText().length());
        assertEquals(Log.MAX_TEXT + 1, json.path("id").asText().length());
    }

    @Test
    void anErrorIsWrittenAsItsTypeMessageFirstFramesAndRootCause() throws Exception {
        IllegalStateException error = new IllegalStateException("outer", new RuntimeException("middle", new java.io.IOException("disk gone")));
        JsonNode json = parsed(Log.line(TIME, Log.Level.ERROR, "Unhandled error", error, "route", "GET /x"));
        assertEquals("ERROR", json.path("level").asText());
        assertEquals("java.lang.IllegalStateException", json.path("errorType").asText());
        assertEquals("outer", json.path("errorMessage").asText());
        assertEquals("java.io.IOException: disk gone", json.path("cause").asText());
        assertTrue(json.path("stack").size() > 0 && json.path("stack").size() <= Log.MAX_FRAMES);
        assertTrue(json.path("stack").path(0).asText().startsWith(LogTest.class.getName() + ".anErrorIsWrittenAsItsTypeMessageFirstFramesAndRootCause:"),
                json.path("stack").path(0).asText());
        assertEquals("GET /x", json.path("route").asText());
    }

    @Test
    void anErrorThrownInALibraryShowsWhereThenOnlyTheWayThroughOurOwnCode() throws Exception {
        NumberFormatException error = null;
        try {
            Integer.parseInt("not a number");
        } catch (NumberFormatException e) {
            error = e;
        }
        JsonNode stack = parsed(Log.line(TIME, Log.Level.WARN, "m", error)).path("stack");
        assertTrue(stack.path(0).asText().startsWith("java.lang.NumberFormatException."), stack.toString());
        assertTrue(stack.size() >= 2, stack.toString());
        for (int i = 1; i < stack.size(); i++) {
            assertTrue(stack.path(i).asText().startsWith("dev.wfm."), stack.toString());
        }
        assertTrue(stack.path(1).asText().startsWith(LogTest.class.getName() + ".anErrorThrownInALibrary"), stack.toString());
    }

    @Test
    void anInvocationNamesItsRequestAndFunctionOnItsLinesAndNoLongerAfterIt() throws Exception {
        assertTrue(parsed(Log.line(TIME, Log.Level.INFO, "before", null)).path("requestId").isMissingNode());
        String inside = Log.during(LambdaContexts.of("req-1", "wfm-job-api"), () -> Log.line(TIME, Log.Level.INFO, "inside", null));
        assertEquals("req-1", parsed(inside).path("requestId").asText());
        assertEquals("wfm-job-api", parsed(inside).path("function").asText());
        assertTrue(parsed(Log.line(TIME, Log.Level.INFO, "after", null)).path("requestId").isMissingNode());
        assertTrue(parsed(Log.during(null, () -> Log.line(TIME, Log.Level.INFO, "no context", null))).path("requestId").isMissingNode());
    }

    @Test
    void anInvocationWithinAnotherOnTheSameThreadGivesItsOwnBackAfter() throws Exception {
        String outerAfter = Log.during(LambdaContexts.of("outer", "f1"), () -> {
            Log.during(LambdaContexts.of("inner", "f2"), () -> Log.line(TIME, Log.Level.INFO, "inner", null));
            return Log.line(TIME, Log.Level.INFO, "outer again", null);
        });
        assertEquals("outer", parsed(outerAfter).path("requestId").asText());
    }

    @Test
    void concurrentInvocationsEachLogTheirOwnRequest() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch allInside = new CountDownLatch(threads);
        try {
            List<Future<String>> lines = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String requestId = "req-" + i;
                lines.add(pool.submit(() -> Log.during(LambdaContexts.of(requestId, "f"), () -> {
                    allInside.countDown();
                    await(allInside); // every invocation is under way before any logs
                    return Log.line(TIME, Log.Level.INFO, "m", null);
                })));
            }
            for (int i = 0; i < threads; i++) {
                assertEquals("req-" + i, parsed(lines.get(i).get(60, TimeUnit.SECONDS)).path("requestId").asText());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workCarriedToAnotherThreadNamesTheInvocationThatHandedItOver() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            String carried = Log.during(LambdaContexts.of("req-7", "f"), () -> get(pool.submit(Log.carried(() -> Log.line(TIME, Log.Level.INFO, "m", null)))));
            assertEquals("req-7", parsed(carried).path("requestId").asText());
            String later = get(pool.submit(() -> Log.line(TIME, Log.Level.INFO, "m", null)));
            assertTrue(parsed(later).path("requestId").isMissingNode(), "the pool's thread is left as it was");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(Future<String> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
