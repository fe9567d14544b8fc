package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.jobs.Job;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Batch updates over HTTP against the local cloud, in one run: {@code --runs} batches, each an
 * update of {@code --jobs} jobs (3,000, the most a batch takes, by default) seeded into an item
 * with {@link JobSeeder} (about a quarter of them closed, so refused): how long the submit takes (202), how long until every job has its result
 * (GET .../batches/{batchId} polled every 50 ms), the jobs changed a second, and the batch
 * function's calls per job, counted at the local cloud's endpoints.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.BatchBenchmark [--jobs 3000] [--runs 3]
 * </pre>
 */
public final class BatchBenchmark {
    private BatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int jobs = LocalCloudBenchmark.option(args, "--jobs", 3000);
        int runs = LocalCloudBenchmark.option(args, "--runs", 3);
        Path dataDir = Files.createTempDirectory("wfm-batch-bench");
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))));
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            URI api = cloud.endpoints().api();
            String token = cloud.adminToken();
            JobSeeder seeder = new JobSeeder(dynamo, "WorkflowTable");
            Stats submit = new Stats();
            Stats completed = new Stats();
            List<String> outcomes = new ArrayList<>();
            LocalCloudBenchmark.Costs.Since before = LocalCloudBenchmark.Costs.since();
            for (int run = 0; run < runs; run++) {
                String itemId = LocalCloudBenchmark.send("POST", api.resolve("/items"), token, "{\"name\": \"bench batch " + run + "\"}")
                        .path("itemId").asText();
                List<String> jobIds = seeder.seed(itemId, jobs, run).stream().map(Job::jobId).toList();
                String body = "{\"jobIds\": " + jobIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"))
                        + ", \"change\": {\"type\": \"update\", \"priority\": \"High\", \"assignedType\": \"User\", \"assignedTo\": \"amy\"}}";
                long start = System.nanoTime();
                JsonNode batch = LocalCloudBenchmark.send("POST", api.resolve("/items/" + itemId + "/jobs/batch"), token, body);
                submit.add(System.nanoTime() - start);
                URI progress = api.resolve("/items/" + itemId + "/jobs/batches/" + batch.path("batchId").asText() + "?limit=1");
                JsonNode read = batch;
                while (!"completed".equals(read.path("status").asText())) {
                    Thread.sleep(50);
                    read = LocalCloudBenchmark.send("GET", progress, token, null);
                }
                completed.add(System.nanoTime() - start);
                if (read.path("succeeded").asInt() + read.path("failed").asInt() != jobs) {
                    throw new IllegalStateException("A batch completed without a result for every job: " + read);
                }
                outcomes.add(read.path("succeeded").asInt() + " changed, " + read.path("failed").asInt() + " refused");
            }
            LocalCloudBenchmark.Costs perJob = before.perRun(jobs * runs).of("JobBatchFunction");
            System.out.println();
            System.out.println("Workflow Manager batch update benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                    + jobs + " jobs a batch)");
            System.out.println("outcomes (the seeded jobs that are closed refuse an update): " + outcomes);
            System.out.println(submit.line("POST .../jobs/batch -> 202"));
            System.out.println(completed.line("POST .../jobs/batch -> every job's result"));
            System.out.printf("%-58s %9.0f jobs/s (median batch)%n", "jobs changed", jobs / (completed.medianMillis() / 1000));
            perJob.lines("batch function calls per job").forEach(System.out::println);
        }
    }
}
