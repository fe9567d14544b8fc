package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.scheduler.LocalScheduler;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.template.SamTemplate;
import dev.wfm.scheduling.RecurringStore;
import dev.wfm.store.Table;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A scheduler tick's cost against how many schedules exist, all numbers from one run: ticks with
 * 10 schedules of which 10 are due, then the same ticks after 9,990 more schedules (due far in the
 * future) are written in bulk straight into DynamoDB Local, so 10 of 10,000 are due. The 10 due
 * ones are {@code rate(1 minute)}: every tick (one minute later than the last) finds exactly 10
 * due and creates 10 jobs. Also an idle tick (nothing due) at both sizes: the Query alone.
 * The small case is measured after as many warm-up ticks, so JIT warm-up does not favour the large one.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.SchedulerBenchmark [--runs 30] [--schedules 10000]
 * </pre>
 */
public final class SchedulerBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalScheduler.Rule TICK = new LocalScheduler.Rule("SchedulerFunction", "bench-tick", Duration.ofMinutes(1));
    private static final int DUE = 10;
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private SchedulerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = LocalCloudBenchmark.option(args, "--runs", 30);
        int total = LocalCloudBenchmark.option(args, "--schedules", 10_000);
        Path dataDir = Files.createTempDirectory("wfm-scheduler-bench");
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))));
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            URI api = cloud.endpoints().api();
            String token = cloud.adminToken();
            OneStepItem item = OneStepItem.create(api, token, "scheduler bench");
            String itemId = item.itemId();
            String templateId = item.templateId();
            RecurringStore store = new RecurringStore(new Table(dynamo, "WorkflowTable"), "SCHEDULE");
            List<String> report = new ArrayList<>();

            for (int i = 0; i < DUE; i++) {
                store.create(itemId, Ids.newId(), definition(templateId, "rate(1 minute)", START), START);
            }
            Instant[] clock = {START};
            idle(cloud, runs);                 // warm-up (JIT, connections), not reported
            due(cloud, runs, clock);
            Stats smallIdle = idle(cloud, runs);
            Stats small = due(cloud, runs, clock);

            long t = System.nanoTime();
            seed(store, itemId, templateId, total - DUE);
            report.add(String.format("%-58s %9.1f s", "seeding " + (total - DUE) + " future schedules (PutItem, 8 threads)",
                    (System.nanoTime() - t) / 1e9));
            Stats bigIdle = idle(cloud, runs);
            Stats big = due(cloud, runs, clock);

            report.add(smallIdle.line("idle tick (0 due), " + DUE + " schedules"));
            report.add(bigIdle.line(String.format("idle tick (0 due), %,d schedules", total)));
            report.add(small.line("tick, " + DUE + " due of " + DUE + " schedules (creates 10 jobs)"));
            report.add(big.line(String.format("tick, %d due of %,d schedules (creates 10 jobs)", DUE, total)));
            System.out.println();
            System.out.println("Scheduler tick benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, " + runs + " ticks each)");
            report.forEach(System.out::println);
            System.out.printf("ratio of medians, tick with %,d schedules / %d schedules = %.2f%n", total, DUE,
                    big.medianMillis() / small.medianMillis());
        }
    }

    private static ObjectNode definition(String templateId, String expression, Instant created) {
        ObjectNode definition = MAPPER.createObjectNode();
        definition.put("jobTemplateId", templateId);
        definition.put("expression", expression);
        definition.put("timezone", "UTC");
        definition.put("created", created.toString());
        definition.put("enabled", true);
        definition.put("numberOfJobs", 1);
        definition.putObject("overrides");
        return definition;
    }

    /** Schedules due in 2099 (a yearly cron), so no tick of the benchmark reaches them. */
    private static void seed(RecurringStore store, String itemId, String templateId, int count) throws Exception {
        List<Callable<Object>> writes = new ArrayList<>();
        Instant far = Instant.parse("2099-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String id = Ids.newId();
            ObjectNode definition = definition(templateId, "cron(0 0 1 1 ? *)", START).put("scheduleId", id);
            writes.add(() -> store.create(itemId, id, definition, far));
        }
        Parallel.run(8, writes);
    }

    private static Stats idle(LocalCloud cloud, int runs) throws Exception {
        Stats stats = new Stats();
        for (int i = 0; i < runs; i++) {
            stats.add(tick(cloud, START.minusSeconds(3600), 0));
        }
        return stats;
    }

    private static Stats due(LocalCloud cloud, int runs, Instant[] clock) throws Exception {
        Stats stats = new Stats();
        for (int i = 0; i < runs; i++) {
            stats.add(tick(cloud, clock[0], DUE));
            clock[0] = clock[0].plus(Duration.ofMinutes(1));
        }
        return stats;
    }

    /** One tick's duration; checks it ran exactly {@code expectedRuns} schedules. */
    private static long tick(LocalCloud cloud, Instant time, int expectedRuns) throws Exception {
        byte[] event = MAPPER.writeValueAsBytes(LocalScheduler.event(TICK, time));
        long t = System.nanoTime();
        LambdaResult result = cloud.lambdas().invoke("SchedulerFunction", event);
        long elapsed = System.nanoTime() - t;
        JsonNode summary = MAPPER.readTree(result.payload());
        if (result.functionError() != null || summary.path("schedules").path("runs").size() != expectedRuns) {
            throw new IllegalStateException("tick at " + time + " expected " + expectedRuns + " runs: " + summary);
        }
        return elapsed;
    }

}
