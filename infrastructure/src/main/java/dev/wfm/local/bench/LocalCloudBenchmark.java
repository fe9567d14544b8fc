package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.events.JobEvent.JobCreated;
import dev.wfm.jobs.events.JobEvent.StepBecameCurrent;
import dev.wfm.jobs.events.RecordedEvent;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.lambda.CallCounts;
import dev.wfm.local.template.SamTemplate;
import dev.wfm.store.Table;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Measures the local cloud, all numbers from one run on one machine so they can be compared:
 * start to the first 200 from /health; DynamoDB Local PutItem and BatchWriteItem (25 items), a
 * first pass on the cold JVM and a second, warm, which the ratios divide by, and (measured last) a
 * BatchWriteItem of new jobs as a creation writes them (what a POST of 100 makes several of);
 * Step Functions Pass chains and task-token round trips (the service with a stand-in function);
 * and, through the whole system over HTTP, Finish → next step
 * current (after a fifth as many, not reported, to warm up; then again with the job polled every 2 ms) and POST /jobs with
 * numberOfJobs=100, each with the calls it made per run (DynamoDB, Step Functions, Lambda invocations, by function; counted in
 * the local cloud by CallCounts). Then, in the same cloud, the rest of issue 15's table: statistics and a search with no indexed
 * equality at {@code --jobs} jobs (seeded, {@link SearchBenchmark#scale}; 0 leaves them out) and cold starts
 * ({@link ColdStartBenchmark#measure}, {@code --cold-runs} pairs; 0 leaves them out); last, the table, each figure against its goal.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.LocalCloudBenchmark [--finish-runs 1000] [--create-runs 100]
 *       [--jobs 100000] [--cold-runs 10]
 * </pre>
 */
public final class LocalCloudBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Duration POLL_PAUSE = Duration.ofMillis(2);
    /** Timed statistics and searches at scale, each. */
    private static final int SCALE_RUNS = 20;

    private LocalCloudBenchmark() {}

    /** What a flow cost per run: the calls by {@code "function service.operation"} (see CallCounts), and their milliseconds. */
    record Costs(Map<String, Double> calls, Map<String, Double> millis) {
        /** Starts counting a flow's calls; {@link Since#perRun} ends it. */
        static Since since() {
            return new Since(CallCounts.snapshot(), CallCounts.nanos());
        }

        record Since(Map<String, Long> calls, Map<String, Long> nanos) {
            /**
             * The calls since this was taken, per run, leaving out the benchmark's own polling (GETs
             * of the job: JobApiFunction) and the table stream's polling by the local event source mapping.
             */
            Costs perRun(int runs) {
                Map<String, Double> perRunCalls = new TreeMap<>();
                Map<String, Double> perRunMillis = new TreeMap<>();
                Map<String, Long> nanosNow = CallCounts.nanos();
                CallCounts.snapshot().forEach((key, count) -> {
                    long made = count - calls.getOrDefault(key, 0L);
                    if (made > 0 && !key.startsWith("JobApiFunction ") && !streamPolling(key)) {
                        perRunCalls.put(key, made / (double) runs);
                        perRunMillis.put(key, (nanosNow.getOrDefault(key, 0L) - nanos.getOrDefault(key, 0L)) / 1e6 / runs);
                    }
                });
                return new Costs(perRunCalls, perRunMillis);
            }
        }

        /** The costs of one function's invocations alone. */
        Costs of(String function) {
            Map<String, Double> itsCalls = new TreeMap<>(calls);
            itsCalls.keySet().removeIf(key -> !key.startsWith(function + " "));
            Map<String, Double> itsMillis = new TreeMap<>(millis);
            itsMillis.keySet().retainAll(itsCalls.keySet());
            return new Costs(itsCalls, itsMillis);
        }

        /**
         * Report lines: totals of DynamoDB calls, Step Functions calls and Lambda invocations, then
         * each key's calls per run, milliseconds per run and milliseconds per call (an invocation's
         * time includes its calls').
         */
        List<String> lines(String title) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format("%s: DynamoDB %.2f, Step Functions %.2f, Lambda invocations %.2f", title,
                    sum(" DynamoDb."), sum(" Sfn."), sum(" invocation")));
            lines.add(String.format("    %-70s %7s %9s %9s", "", "calls", "ms", "ms/call"));
            calls.forEach((key, count) -> lines.add(String.format("    %-70s %7.2f %9.2f %9.2f", key, count, millis.get(key),
                    millis.get(key) / count)));
            return lines;
        }

        private double sum(String kind) {
            return calls.entrySet().stream().filter(entry -> entry.getKey().contains(kind)).mapToDouble(Map.Entry::getValue).sum();
        }
    }

    /** Whether a CallCounts key counts the local event source mapping's polling of the stream, which never stops. */
    static boolean streamPolling(String key) {
        return key.contains("DynamoDbStreams.");
    }

    public static void main(String[] args) throws Exception {
        int finishRuns = option(args, "--finish-runs", 1000);
        int createRuns = option(args, "--create-runs", 100);
        int dynamoRuns = option(args, "--dynamodb-runs", 1000);
        int sfnRuns = option(args, "--sfn-runs", 300);
        int scaleJobs = option(args, "--jobs", 100_000);
        int coldRuns = option(args, "--cold-runs", 10);
        Path dataDir = Files.createTempDirectory("wfm-bench");
        long begin = System.nanoTime();
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))))) {
            int health = HTTP.send(HttpRequest.newBuilder(cloud.endpoints().api().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            double startMillis = (System.nanoTime() - begin) / 1_000_000.0;
            List<String> report = new ArrayList<>();
            report.add(String.format("%-58s %9.0f ms (status %d)", "local cloud start -> first 200 from /health", startMillis, health));

            // Right after the start the JIT compiles the whole local cloud, on the same 2 cores as the
            // first calls: a first pass shows what a cold JVM makes of them (the baseline of reports
            // before these were warm), and the ratios divide by a second pass, warm, as the flows are.
            Stats coldPut = new Stats();
            Stats coldBatch = new Stats();
            dynamo(cloud, dynamoRuns, "cold", coldPut, coldBatch);
            Stats put = new Stats();
            Stats batch = new Stats();
            dynamo(cloud, dynamoRuns, "warm", put, batch);
            report.add(coldPut.line("DynamoDB Local PutItem, first pass (cold JVM)"));
            report.add(coldBatch.line("DynamoDB Local BatchWriteItem (25), first pass"));
            report.add(put.line("DynamoDB Local PutItem"));
            report.add(batch.line("DynamoDB Local BatchWriteItem (25 items)"));

            // The Step Functions service alone, with a stand-in function that hands the token over.
            Stats passChain = Stats.of(StepFunctionsBenchmark.passChainNanos(sfnRuns));
            report.add(passChain.line("Step Functions: 10-state Pass chain execution"));
            Stats tokenTrip = Stats.of(StepFunctionsBenchmark.taskTokenRoundTripNanos(sfnRuns));
            report.add(tokenTrip.line("Step Functions: waitForTaskToken round trip"));

            JobFlows flows = new JobFlows(cloud.endpoints().api(), cloud.adminToken());
            flows.finishToNextStepCurrent(Math.max(1, finishRuns / 5), Duration.ZERO); // warm-up, not reported
            Costs.Since beforeFinish = Costs.since();
            Stats finish = flows.finishToNextStepCurrent(finishRuns, Duration.ZERO);
            Costs finishCosts = beforeFinish.perRun(finishRuns);
            report.add(finish.line("HTTP: Finish -> next step current"));
            // the polls back to back take a share of the two cores the flow runs on; a poll every 2 ms less
            Stats pausedFinish = flows.finishToNextStepCurrent(finishRuns, POLL_PAUSE);
            report.add(pausedFinish.line("HTTP: Finish -> next step current, polled every 2 ms"));
            Costs.Since beforeCreate = Costs.since();
            Stats create = flows.createJobs(100, createRuns);
            Costs createCosts = beforeCreate.perRun(createRuns);
            report.add(create.line("HTTP: POST /jobs numberOfJobs=100"));
            // last: the jobs it writes would otherwise keep the stream's consumers and the scheduler busy during the flows
            Stats jobBatch = creationBatches(cloud, createRuns);
            report.add(jobBatch.line("DynamoDB Local BatchWriteItem, 12 new jobs + history (24)"));
            report.add("");
            report.addAll(finishCosts.lines("calls per Finish -> next step current"));
            report.addAll(createCosts.lines("calls per POST /jobs numberOfJobs=100"));

            System.out.println();
            System.out.println("Workflow Manager local cloud benchmark (" + Runtime.getRuntime().availableProcessors() + " cores)");
            report.forEach(System.out::println);
            System.out.printf("ratios of medians: Pass chain / PutItem = %.1f; token round trip / PutItem = %.1f; "
                            + "Finish->next / PutItem = %.1f; POST 100 jobs / BatchWriteItem(25) = %.1f%n",
                    passChain.medianMillis() / put.medianMillis(), tokenTrip.medianMillis() / put.medianMillis(),
                    finish.medianMillis() / put.medianMillis(), create.medianMillis() / batch.medianMillis());
            System.out.printf("Finish->next polled every 2 ms / PutItem = %.1f (p99 %.1f)%n", pausedFinish.medianMillis() / put.medianMillis(),
                    pausedFinish.percentileMillis(99) / put.medianMillis());
            // how near the request is to its own batch writes made one at a time
            double creationBatchCalls = createCosts.calls().getOrDefault("JobCreationFunction DynamoDb.BatchWriteItem", 0.0);
            System.out.printf("POST 100 jobs / its %.0f BatchWriteItems of new jobs = %.2f%n", creationBatchCalls,
                    create.medianMillis() / (creationBatchCalls * jobBatch.medianMillis()));
            System.out.printf("against the first (cold) pass: Finish->next / PutItem = %.1f; POST 100 jobs / BatchWriteItem(25) = %.1f%n",
                    finish.medianMillis() / coldPut.medianMillis(), create.medianMillis() / coldBatch.medianMillis());

            // the rest of issue 15's table, in the same cloud: statistics and searches at scale, then cold starts
            SearchBenchmark.Scale scale = scaleJobs > 0 ? SearchBenchmark.scale(cloud, scaleJobs, SCALE_RUNS) : null;
            ColdStartBenchmark.Result cold = null;
            if (coldRuns > 0) {
                JobFlows.awaitQuiet();
                cold = ColdStartBenchmark.measure(cloud, coldRuns);
                System.out.println();
                cold.lines().forEach(System.out::println);
            }
            System.out.println();
            table(put, finish, pausedFinish, batch, create, scale, cold).forEach(System.out::println);
        }
        // an idle pool thread of the local cloud's functions would keep the JVM up for minutes
        System.exit(0);
    }

    /** Issue 15's table: each figure of this run against its goal. */
    private static List<String> table(Stats put, Stats finish, Stats pausedFinish, Stats batch, Stats create,
                                      SearchBenchmark.Scale scale, ColdStartBenchmark.Result cold) {
        List<String> rows = new ArrayList<>();
        rows.add("Issue 15's figures, this run");
        rows.add(String.format("%-58s %-42s %-36s %s", "figure", "now", "goal", ""));
        double finishRatio = finish.medianMillis() / put.medianMillis();
        double finishP99 = finish.percentileMillis(99) / put.medianMillis();
        rows.add(row("Finish -> next step current / PutItem (medians)", String.format("%.1fx (p99 %.1fx)", finishRatio, finishP99),
                "<= 4x (p99 <= 10x)", finishRatio <= 4 && finishP99 <= 10));
        double pausedRatio = pausedFinish.medianMillis() / put.medianMillis();
        double pausedP99 = pausedFinish.percentileMillis(99) / put.medianMillis();
        rows.add(row("  the same, the job polled every 2 ms", String.format("%.1fx (p99 %.1fx)", pausedRatio, pausedP99),
                "<= 4x (p99 <= 10x)", pausedRatio <= 4 && pausedP99 <= 10));
        double createRatio = create.medianMillis() / batch.medianMillis();
        rows.add(row("POST /jobs numberOfJobs=100 / BatchWriteItem of 25", String.format("%.1fx", createRatio), "<= 12x", createRatio <= 12));
        if (scale != null) {
            String jobs = String.format("%,d", scale.jobs());
            // met only where measured at the goal's size
            rows.add(row("statistics groupBy priority, " + jobs + " jobs", String.format("%.1f ms", scale.statistics().medianMillis()),
                    "<= 50 ms at 100,000 jobs", scale.jobs() >= 100_000 && scale.statistics().medianMillis() <= 50));
            String small = String.format("%.1f ms at 1,000", scale.unindexedSmall().medianMillis());
            if (scale.unindexedLarge().status() == 200) {
                double ratio = scale.unindexedLargeRead().medianMillis() / scale.unindexedSmall().medianMillis();
                rows.add(row("search with no indexed equality, " + jobs + " jobs", String.format("%.1fx (%s)", ratio, small),
                        "<= 2x the 1,000-job figure", ratio <= 2));
            } else {
                boolean named = scale.unindexedLarge().body().contains("assignedTo");
                rows.add(row("search with no indexed equality, " + jobs + " jobs", outcome(scale.unindexedLarge()) + " (" + small + ")",
                        "or refused, naming index terms", scale.unindexedLarge().status() == 400 && named));
            }
            rows.add(row("search closed = 0 (every job open), " + jobs + " jobs", outcome(scale.indexedLarge()),
                    "bounded: answered or refused, no 5xx", scale.indexedLarge().status() < 500));
        }
        if (cold != null) {
            rows.add(row("function cold init / client + one GetItem (wall; CPU)", String.format("%.2fx; %.2fx", cold.wallRatio(), cold.cpuRatio()),
                    "<= 1.1x", cold.wallRatio() <= 1.1));
        }
        return rows;
    }

    private static String outcome(SearchBenchmark.Answer answer) {
        return String.format("%s: %d in %.0f ms", answer.status() == 200 ? "answered" : "refused", answer.status(), answer.millis());
    }

    private static String row(String figure, String now, String goal, boolean met) {
        return String.format("%-58s %-42s %-36s %s", figure, now, goal, met ? "met" : "not met");
    }

    /** {@code runs} PutItems and a fifth as many BatchWriteItems of 25, of new items (keys named by {@code pass}). */
    private static void dynamo(LocalCloud cloud, int runs, String pass, Stats put, Stats batch) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            for (int i = 0; i < runs; i++) {
                Map<String, AttributeValue> item = benchItem("PUT#" + pass + "#" + i);
                long t = System.nanoTime();
                dynamo.putItem(b -> b.tableName("WorkflowTable").item(item));
                put.add(System.nanoTime() - t);
            }
            for (int i = 0; i < Math.max(1, runs / 5); i++) {
                List<WriteRequest> writes = new ArrayList<>();
                for (int j = 0; j < 25; j++) {
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(benchItem("BATCH#" + pass + "#" + i + "#" + j)).build()).build());
                }
                long t = System.nanoTime();
                dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of("WorkflowTable", writes)).build());
                batch.add(System.nanoTime() - t);
            }
        }
    }

    /**
     * {@code runs} BatchWriteItems of the records a creation writes, as it writes them
     * ({@code JobStore.createAll}: 12 jobs, each with the history record of its JobCreated and StepBecameCurrent,
     * 24 records, one call),
     * each into an item of its own, each once the cloud is quiet (as each POST of the flow).
     */
    private static Stats creationBatches(LocalCloud cloud, int runs) throws InterruptedException {
        Stats batches = new Stats();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            JobStore store = new JobStore(new Table(dynamo, "WorkflowTable"));
            for (int i = 0; i < runs; i++) {
                List<Job> jobs = JobSeeder.generate("bench-creation-" + i, 12, i);
                Map<String, List<RecordedEvent>> history = new HashMap<>();
                for (Job job : jobs) {
                    Instant at = Instant.parse(job.created());
                    history.put(job.jobId(), List.of(new RecordedEvent(RecordedEvent.id(job.jobId(), 1, 0), new JobCreated("admin", at)),
                            new RecordedEvent(RecordedEvent.id(job.jobId(), 1, 1), new StepBecameCurrent("review", "system", at))));
                }
                JobFlows.awaitQuiet();
                long t = System.nanoTime();
                store.createAll(jobs, history);
                batches.add(System.nanoTime() - t);
            }
        }
        return batches;
    }

    private static Map<String, AttributeValue> benchItem(String key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("BENCH#" + key));
        item.put("sk", AttributeValue.fromS("BENCH"));
        item.put("doc", AttributeValue.fromS("{\"jobName\":\"benchmark\",\"priority\":\"Medium\",\"currentSteps\":[]}"));
        item.put("revision", AttributeValue.fromN("1"));
        return item;
    }

    /** A request's answer, whatever its status. */
    static HttpResponse<String> exchange(String method, URI uri, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request's answer, read as JSON; a status of 300 or more fails. */
    static JsonNode send(String method, URI uri, String token, String body) throws Exception {
        HttpResponse<String> response = exchange(method, uri, token, body);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + uri + " -> " + response.statusCode() + " " + response.body());
        }
        return MAPPER.readTree(response.body());
    }

    /** The integer after {@code name} on the command line, or {@code fallback}. */
    static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
