package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.lambda.CallCounts;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The job flows of the benchmark, over HTTP exactly as a client drives them. */
final class JobFlows {
    /** Two human steps in a loop: finishing one makes the other current, forever (until "stop"). */
    private static final String PING_PONG = """
            {"name": "Ping pong", "start": "ping",
             "steps": [{"id": "ping", "name": "Ping", "type": "manual"},
                       {"id": "pong", "name": "Pong", "type": "question", "question": "Again?",
                        "answers": [{"name": "Again", "value": "again"}, {"name": "Stop", "value": "stop"}]},
                       {"id": "done", "name": "Done", "type": "end"}],
             "paths": [{"from": "ping", "to": "pong"}, {"from": "pong", "to": "ping", "returnCode": "again"},
                       {"from": "pong", "to": "done", "returnCode": "stop"}]}""";

    private final URI api;
    private final String token;
    private final String itemId;
    private final String templateId;

    JobFlows(URI api, String token) throws Exception {
        this.api = api;
        this.token = token;
        itemId = LocalCloudBenchmark.send("POST", api.resolve("/items"), token, "{\"name\": \"Benchmark\"}").path("itemId").asText();
        String diagramId = LocalCloudBenchmark.send("POST", uri("/diagrams"), token, PING_PONG).path("diagramId").asText();
        templateId = LocalCloudBenchmark.send("POST", uri("/job-templates"), token,
                "{\"name\": \"Ping pong\", \"diagramId\": \"" + diagramId + "\"}").path("jobTemplateId").asText();
    }

    String itemId() {
        return itemId;
    }

    /** A new ping-pong job, at ping. */
    String startJob() throws Exception {
        String jobId = LocalCloudBenchmark.send("POST", uri("/jobs"), token, "{\"jobTemplateId\": \"" + templateId + "\"}")
                .path("jobIds").path(0).asText();
        awaitCurrent(jobId, "ping");
        return jobId;
    }

    /** Finishes {@code current} (ping, or pong answered "again"); answers the step that comes next. */
    String finish(String jobId, String current) throws Exception {
        String body = current.equals("pong")
                ? "{\"type\": \"Finish\", \"stepIds\": [\"pong\"], \"returnCode\": \"again\"}"
                : "{\"type\": \"Finish\", \"stepIds\": [\"ping\"]}";
        LocalCloudBenchmark.send("POST", uri("/jobs/" + jobId + "/action"), token, body);
        return current.equals("ping") ? "pong" : "ping";
    }

    /**
     * Finish the current step, then poll the job until the next step is current (the activation wrote
     * it), the polls {@code pollPause} apart (zero: back to back).
     */
    Stats finishToNextStepCurrent(int runs, Duration pollPause) throws Exception {
        String jobId = startJob();
        Stats stats = new Stats();
        String current = "ping";
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            String next = finish(jobId, current);
            awaitCurrent(jobId, next, pollPause);
            stats.add(System.nanoTime() - t);
            current = next;
        }
        return stats;
    }

    /**
     * {@code runs} creations, each timed from request to answer. Each starts once the last one's
     * executions and stream consumers are done (no call but the stream's polling for 300 ms),
     * as the DynamoDB baselines run on an idle table: a run then times one request, not the tail of
     * the 100 activations the run before set going.
     */
    Stats createJobs(int numberOfJobs, int runs) throws Exception {
        Stats stats = new Stats();
        for (int i = 0; i < runs; i++) {
            awaitQuiet();
            long t = System.nanoTime();
            JsonNode created = LocalCloudBenchmark.send("POST", uri("/jobs"), token,
                    "{\"jobTemplateId\": \"" + templateId + "\", \"numberOfJobs\": " + numberOfJobs + "}");
            stats.add(System.nanoTime() - t);
            if (created.path("jobIds").size() != numberOfJobs) {
                throw new IllegalStateException("expected " + numberOfJobs + " jobs, got " + created);
            }
        }
        awaitQuiet(); // so the calls the last run set going are counted with it
        return stats;
    }

    /** Waits until no call but the stream's polling reached the local cloud's endpoints for 300 ms (at most 30 s). */
    static void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long calls = totalCalls();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 300_000_000L && System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = totalCalls();
            if (now != calls) {
                calls = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static long totalCalls() {
        return CallCounts.snapshot().entrySet().stream().filter(entry -> !LocalCloudBenchmark.streamPolling(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    void awaitCurrent(String jobId, String stepId) throws Exception {
        awaitCurrent(jobId, stepId, Duration.ZERO);
    }

    private void awaitCurrent(String jobId, String stepId, Duration pollPause) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode steps = LocalCloudBenchmark.send("GET", uri("/jobs/" + jobId), token, null).path("currentSteps");
            if (steps.size() == 1 && steps.get(0).path("stepId").asText().equals(stepId)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " never reached " + stepId);
            }
            if (pollPause.isZero()) {
                Thread.onSpinWait();
            } else {
                Thread.sleep(pollPause.toMillis());
            }
        }
    }

    private URI uri(String suffix) {
        return api.resolve("/items/" + itemId + suffix);
    }
}
