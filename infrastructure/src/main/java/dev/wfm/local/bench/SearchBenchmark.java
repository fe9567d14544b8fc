package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.geo.Location;
import dev.wfm.geo.LocationStore;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.template.SamTemplate;
import dev.wfm.search.CountsBackfill;
import dev.wfm.search.JobCounts;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Job search and statistics over HTTP against the local cloud, all numbers from one run: a search
 * with 50 hits (an indexed equality on assignedTo) in an item of 1,000 jobs and in one of 100,000
 * jobs, the same search without an indexed equality (the item's job listing, read whole) at 1,000
 * and 10,000 jobs for contrast, statistics (groupBy priority, no q: from the job counts the stream keeps, once
 * they have caught up with the seeded jobs) over 10,000 and 100,000 jobs, and the same over 10,000 read
 * (a q the counts cannot answer), the backfill of the counts of an item of 10,000 jobs made before
 * counting (its ticks' time and rate), and a spatial
 * search (a small polygon holding 50 job locations) in an item of 1,000 and one of 10,000 located
 * jobs. The jobs are written in bulk straight into DynamoDB Local with {@link JobSeeder}; the
 * locations through {@link LocationStore}, as the API writes them.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.SearchBenchmark [--runs 30] [--large 100000]
 * </pre>
 */
public final class SearchBenchmark {
    private static final int HITS = 50;

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = LocalCloudBenchmark.option(args, "--runs", 30);
        int large = LocalCloudBenchmark.option(args, "--large", 100_000);
        Path dataDir = Files.createTempDirectory("wfm-search-bench");
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))));
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            URI api = cloud.endpoints().api();
            String token = cloud.adminToken();
            JobSeeder seeder = new JobSeeder(dynamo, "WorkflowTable");
            List<String> report = new ArrayList<>();

            String small = item(api, token, "bench 1k");
            String big = item(api, token, "bench large");
            String stats = item(api, token, "bench 10k");
            long t = System.nanoTime();
            write(seeder, withTarget(JobSeeder.generate(small, 1_000, 1)));
            write(seeder, JobSeeder.generate(stats, 10_000, 3));
            write(seeder, withTarget(JobSeeder.generate(big, large, 2)));
            report.add(String.format("%-58s %9.1f s", "seeding " + (11_000 + large) + " jobs (BatchWriteItem via JobStore)",
                    (System.nanoTime() - t) / 1e9));
            String spatialSmall = item(api, token, "bench spatial 1k");
            String spatialBig = item(api, token, "bench spatial 10k");
            t = System.nanoTime();
            LocationStore locations = new LocationStore(new Table(dynamo, "WorkflowTable"));
            for (var entry : List.of(Map.entry(spatialSmall, 1_000), Map.entry(spatialBig, 10_000))) {
                List<Job> jobs = JobSeeder.generate(entry.getKey(), entry.getValue(), 4);
                write(seeder, jobs);
                locate(locations, jobs);
            }
            report.add(String.format("%-58s %9.1f s", "seeding 11,000 located jobs", (System.nanoTime() - t) / 1e9));

            // the job counts follow the stream: every seeded job is counted before statistics are timed
            t = System.nanoTime();
            awaitCounted(api, token, stats, 10_000);
            awaitCounted(api, token, big, large);
            double countingSeconds = (System.nanoTime() - t) / 1e9;
            report.add(String.format("%-58s %9.1f s", "the stream's job counts caught up (" + String.format("%,d", 22_000 + large)
                    + " seeded jobs)", countingSeconds));

            report.addAll(backfill(api, token, dynamo, seeder));

            String indexed = "{\"q\": \"assignedTo = 'bench-target'\", \"num\": 50}";
            String listing = "{\"q\": \"jobName LIKE 'Job 1%' AND description LIKE '%river%'\", \"num\": 50}";
            Stats smallIndexed = new Stats();
            Stats bigIndexed = new Stats();
            Stats smallListing = new Stats();
            Stats statsListing = new Stats();
            Stats statistics = new Stats();
            Stats bigStatistics = new Stats();
            Stats searchedStatistics = new Stats();
            Stats smallSpatial = new Stats();
            Stats bigSpatial = new Stats();
            for (int i = 0; i < runs; i++) {
                // interleaved, so both sizes see the same machine state
                smallIndexed.add(time(api, token, small, "search", indexed, HITS));
                bigIndexed.add(time(api, token, big, "search", indexed, HITS));
                smallListing.add(time(api, token, small, "search", listing, -1));
                statsListing.add(time(api, token, stats, "search", listing, -1));
                statistics.add(time(api, token, stats, "statistics", "{\"groupBy\": \"priority\"}", -1));
                bigStatistics.add(time(api, token, big, "statistics", "{\"groupBy\": \"priority\"}", -1));
                // a q the counts cannot answer: the jobs are read
                searchedStatistics.add(time(api, token, stats, "statistics", "{\"q\": \"closed = 0 OR closed = 1\", \"groupBy\": \"priority\"}", -1));
                smallSpatial.add(time(api, token, spatialSmall, "search", SPATIAL_QUERY, HITS));
                bigSpatial.add(time(api, token, spatialBig, "search", SPATIAL_QUERY, HITS));
            }
            report.add(smallIndexed.line("search, 50 hits, indexed assignedTo, 1,000 jobs"));
            report.add(bigIndexed.line("search, 50 hits, indexed assignedTo, " + String.format("%,d", large) + " jobs"));
            report.add(smallListing.line("search, no indexed equality (gsi1 listing), 1,000 jobs"));
            report.add(statsListing.line("search, no indexed equality (gsi1 listing), 10,000 jobs"));
            report.add(statistics.line("statistics groupBy priority (counts), 10,000 jobs"));
            report.add(bigStatistics.line("statistics groupBy priority (counts), " + String.format("%,d", large) + " jobs"));
            report.add(searchedStatistics.line("statistics groupBy priority (jobs read), 10,000 jobs"));
            report.add(smallSpatial.line("spatial search, 50 hits, 1,000 located jobs"));
            report.add(bigSpatial.line("spatial search, 50 hits, 10,000 located jobs"));
            System.out.println();
            System.out.println("Job search benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, " + runs + " runs each)");
            report.forEach(System.out::println);
            System.out.printf("ratio of medians, indexed search %,d jobs / 1,000 jobs = %.2f%n", large,
                    bigIndexed.medianMillis() / smallIndexed.medianMillis());
            System.out.printf("ratio of medians, statistics from counts %,d jobs / 10,000 jobs = %.2f%n", large,
                    bigStatistics.medianMillis() / statistics.medianMillis());
            System.out.printf("ratio of medians, statistics 10,000 jobs read / counted = %.1f%n",
                    searchedStatistics.medianMillis() / statistics.medianMillis());
            System.out.printf("ratio of medians, spatial search 10,000 / 1,000 located jobs = %.2f%n",
                    bigSpatial.medianMillis() / smallSpatial.medianMillis());
        }
        // an idle pool thread of the local cloud's functions would keep the JVM up for minutes
        System.exit(0);
    }

    /** A 0.012° square (about 1.1 km x 1.3 km) around the 50 jobs {@link #locate} puts there. */
    private static final String SPATIAL_QUERY = "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[-117.201, 34.049], "
            + "[-117.189, 34.049], [-117.189, 34.061], [-117.201, 34.061], [-117.201, 34.049]]]}, \"spatialRel\": \"intersects\", \"num\": 50}";

    /**
     * 50 jobs, evenly spread through the list, get points inside the query square; the others get
     * points spread over a 0.7° x 1° region west of it, so every search has exactly 50 hits.
     */
    private static void locate(LocationStore locations, List<Job> jobs) throws Exception {
        Random random = new Random(jobs.size());
        List<Map.Entry<String, String>> points = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            boolean hit = i % (jobs.size() / HITS) == 0 && i / (jobs.size() / HITS) < HITS;
            double x = hit ? -117.2 + random.nextDouble() * 0.01 : -118 + random.nextDouble() * 0.7;
            double y = hit ? 34.05 + random.nextDouble() * 0.01 : 33.5 + random.nextDouble();
            points.add(Map.entry(jobs.get(i).jobId(), "{\"type\": \"Point\", \"coordinates\": [" + x + ", " + y + "]}"));
        }
        List<Callable<Object>> writes = new ArrayList<>();
        for (var point : points) {
            writes.add(() -> {
                locations.put(jobs.get(0).itemId(), point.getKey(), Location.of(Json.read(point.getValue()), "location"));
                return null;
            });
        }
        Parallel.run(4, writes);
    }

    /** The first 50 jobs assigned to a user no other job has, so the indexed search has exactly 50 hits. */
    private static List<Job> withTarget(List<Job> jobs) {
        List<Job> marked = new ArrayList<>(jobs);
        for (int i = 0; i < HITS; i++) {
            marked.set(i * (jobs.size() / HITS), marked.get(i * (jobs.size() / HITS)).with(b -> {
                b.assignedType = "User";
                b.assignedTo = "bench-target";
                return b;
            }));
        }
        return marked;
    }

    private static void write(JobSeeder seeder, List<Job> jobs) throws Exception {
        List<Callable<Object>> writes = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i += 1000) {
            List<Job> chunk = jobs.subList(i, Math.min(jobs.size(), i + 1000));
            writes.add(() -> {
                seeder.write(chunk);
                return null;
            });
        }
        Parallel.run(4, writes);
    }

    private static long time(URI api, String token, String itemId, String route, String body, int expectedHits) throws Exception {
        long t = System.nanoTime();
        JsonNode answer = LocalCloudBenchmark.send("POST", api.resolve("/items/" + itemId + "/jobs/" + route), token, body);
        long elapsed = System.nanoTime() - t;
        if (expectedHits >= 0 && answer.path("total").asInt() != expectedHits) {
            throw new IllegalStateException("expected " + expectedHits + " hits, got " + answer.path("total"));
        }
        return elapsed;
    }

    /**
     * The scale figures of the table, in one cloud: statistics grouped by an indexed field
     * (from the counts, once the stream has counted the seeded jobs) over {@code jobs} jobs, and a
     * search with no indexed equality over 1,000 jobs and over {@code jobs}, which past the jobs a
     * search may read is refused (its answer, and how long it took), and a search by an index whose
     * partition holds every one of the {@code jobs} ({@code closed = 0}), refused the same.
     */
    record Scale(int jobs, Stats statistics, Stats unindexedSmall, Answer unindexedLarge, Stats unindexedLargeRead, Answer indexedLarge) {}

    /** A request's status, body and time. */
    record Answer(int status, String body, double millis) {
        static Answer of(URI uri, String token, String body) throws Exception {
            long t = System.nanoTime();
            HttpResponse<String> response = LocalCloudBenchmark.exchange("POST", uri, token, body);
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - t) / 1e6);
        }
    }

    static Scale scale(LocalCloud cloud, int jobs, int runs) throws Exception {
        URI api = cloud.endpoints().api();
        String token = cloud.adminToken();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoints().dynamodb()).build()) {
            JobSeeder seeder = new JobSeeder(dynamo, "WorkflowTable");
            String small = item(api, token, "scale 1k");
            String large = item(api, token, "scale " + jobs);
            write(seeder, JobSeeder.generate(small, 1_000, 6));
            write(seeder, JobSeeder.generate(large, jobs, 7));
            awaitCounted(api, token, large, jobs);
            String listing = "{\"q\": \"jobName LIKE 'Job 1%' AND description LIKE '%river%'\", \"num\": 50}";
            Answer unindexed = Answer.of(api.resolve("/items/" + large + "/jobs/search"), token, listing);
            Answer indexed = Answer.of(api.resolve("/items/" + large + "/jobs/search"), token, "{\"q\": \"closed = 0\", \"num\": 50}");
            Stats grouped = new Stats();
            Stats unindexedSmall = new Stats();
            Stats unindexedLarge = new Stats();
            for (int i = 0; i < runs; i++) {
                grouped.add(time(api, token, large, "statistics", "{\"groupBy\": \"priority\"}", -1));
                unindexedSmall.add(time(api, token, small, "search", listing, -1));
                if (unindexed.status() == 200) {
                    unindexedLarge.add(time(api, token, large, "search", listing, -1));
                }
            }
            return new Scale(jobs, grouped, unindexedSmall, unindexed, unindexedLarge, indexed);
        }
    }

    /** Waits until the stream has counted the {@code jobs} seeded in a new item: its statistics come from the counts. */
    private static void awaitCounted(URI api, String token, String itemId, int jobs) throws Exception {
        Instant deadline = Instant.now().plus(COUNTING_TIME);
        while (true) {
            JsonNode counted = LocalCloudBenchmark.send("POST", api.resolve("/items/" + itemId + "/jobs/statistics"), token,
                    "{\"groupBy\": \"priority\"}");
            if (!counted.path("source").asText().equals("counts")) {
                throw new IllegalStateException("statistics of a new item are not answered from its counts: " + counted);
            }
            if (counted.path("total").asInt() == jobs) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the stream did not count the " + jobs + " seeded jobs in " + COUNTING_TIME + ": " + counted);
            }
            Thread.sleep(500);
        }
    }

    private static final int BACKFILLED = 10_000;
    /** How long the counting of the seeded jobs may take before the benchmark gives up, rather than wait for ever. */
    private static final Duration COUNTING_TIME = Duration.ofMinutes(30);

    /**
     * An item made before job counts (its COUNTS record removed before its jobs are written) counted
     * by the backfill a scheduler tick runs, tick after tick from the start its first statistics
     * request makes, until its statistics come from the counts; the ticks' time and rate.
     */
    private static List<String> backfill(URI api, String token, DynamoDbClient dynamo, JobSeeder seeder) throws Exception {
        String itemId = item(api, token, "bench backfill");
        dynamo.deleteItem(b -> b.tableName("WorkflowTable").key(Table.key(Keys.item(itemId), Keys.JOB_COUNTS)));
        write(seeder, JobSeeder.generate(itemId, BACKFILLED, 5));
        URI statistics = api.resolve("/items/" + itemId + "/jobs/statistics");
        JsonNode searched = LocalCloudBenchmark.send("POST", statistics, token, "{\"groupBy\": \"priority\"}");
        if (!searched.path("source").asText().equals("search")) {
            throw new IllegalStateException("an item made before counting answered from counts: " + searched);
        }
        Table table = new Table(dynamo, "WorkflowTable");
        CountsBackfill backfill = new CountsBackfill(table, new JobStore(table), new JobCounts(table));
        Stats ticks = new Stats();
        Instant due = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode counted;
        long t = System.nanoTime();
        do {
            long tick = System.nanoTime();
            backfill.run(due, CountsBackfill.TIME_PER_RUN);
            ticks.add(System.nanoTime() - tick);
            counted = LocalCloudBenchmark.send("POST", statistics, token, "{\"groupBy\": \"priority\"}");
            if (System.nanoTime() - t > COUNTING_TIME.toNanos()) {
                throw new IllegalStateException("the backfill did not count " + BACKFILLED + " jobs in " + COUNTING_TIME + ": " + counted);
            }
        } while (!counted.path("source").asText().equals("counts"));
        double seconds = (System.nanoTime() - t) / 1e9;
        if (counted.path("total").asInt() != BACKFILLED) {
            throw new IllegalStateException("the backfill counted " + counted.path("total") + " of " + BACKFILLED + " jobs");
        }
        return List.of(ticks.line("a tick of the job counts' backfill (" + CountsBackfill.PAGES_PER_ITEM + " pages of " + CountsBackfill.PAGE + ")"),
                String.format("%-58s %9.1f s, %,.0f jobs/s", "backfill of job counts, " + String.format("%,d", BACKFILLED) + " jobs", seconds,
                        BACKFILLED / seconds));
    }

    private static String item(URI api, String token, String name) throws Exception {
        return LocalCloudBenchmark.send("POST", api.resolve("/items"), token,
                "{\"name\": \"" + name + "\"}").path("itemId").asText();
    }

}
