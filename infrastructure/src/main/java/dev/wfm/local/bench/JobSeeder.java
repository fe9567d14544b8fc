package dev.wfm.local.bench;

import dev.wfm.common.Ids;
import dev.wfm.jobs.CurrentStep;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.StepStatus;
import dev.wfm.store.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Writes many jobs with varied, seeded-random properties straight into the local cloud's table
 * with the project's {@link JobStore} (BatchWriteItem, the records and index keys a job
 * creation writes), for search tests and benchmarks that need more jobs than executions make
 * quickly. The jobs walk no execution: only their searchable properties are real.
 */
public final class JobSeeder {
    public static final List<String> PRIORITIES = List.of("Low", "Medium", "High", "Critical");
    public static final List<String> STATUSES = List.of("New", "Open", "InProgress", "Done");
    public static final List<String> USERS = List.of("amy", "cjones", "bob", "dana", "o'brien");
    public static final List<String> GROUPS = List.of("editors", "reviewers");
    public static final List<String> TEMPLATES = List.of("tmpl-roads", "tmpl-parcels", "tmpl-addresses");
    private static final List<String> STEPS = List.of("review", "edit", "approve");
    private static final List<String> WORDS = List.of("road", "parcel", "bridge", "survey", "address", "river", "school");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private final JobStore store;

    public JobSeeder(DynamoDbClient dynamo, String tableName) {
        this.store = new JobStore(new Table(dynamo, tableName));
    }

    /** {@code count} jobs in {@code itemId}, varied by {@code seed}; returned as written. */
    public List<Job> seed(String itemId, int count, long seed) {
        List<Job> jobs = generate(itemId, count, seed);
        write(jobs);
        return jobs;
    }

    /** The jobs {@link #seed} would write, not written. */
    public static List<Job> generate(String itemId, int count, long seed) {
        Random random = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(job(itemId, i, random));
        }
        return jobs;
    }

    public void write(List<Job> jobs) {
        store.createAll(jobs, Map.of());
    }

    private static Job job(String itemId, int n, Random random) {
        String status = pick(STATUSES, random);
        String assignedType;
        String assignedTo;
        int assignment = random.nextInt(10);
        if (assignment < 6) {
            assignedType = "User";
            assignedTo = pick(USERS, random);
        } else if (assignment < 9) {
            assignedType = "Group";
            assignedTo = pick(GROUPS, random);
        } else {
            assignedType = null;
            assignedTo = null;
        }
        Instant created = BASE.plus(n, ChronoUnit.MINUTES);
        String dueDate = random.nextInt(4) == 0 ? null : BASE.plus(random.nextInt(365), ChronoUnit.DAYS).toString();
        String description = random.nextInt(5) == 0 ? null : "Check the " + pick(WORDS, random) + " near the " + pick(WORDS, random);
        return new Job(itemId, Ids.newId(created), "Job " + n, pick(TEMPLATES, random), "diagram-1", 1, null, null, 0,
                pick(PRIORITIES, random), status, status.equals("Done"), random.nextInt(20) == 0, assignedType, assignedTo,
                description, dueDate, null, random.nextBoolean() ? "admin" : "manager", created.toString(), created.toString(), 1,
                status.equals("Done") ? List.of() : List.of(currentStep(n, created, assignedType, assignedTo)), List.of(), List.of(),
                List.of(), List.of(), null);
    }

    /**
     * An open job's current step: one of a few, mostly assigned as its job, else to one of the users.
     * Drawn from a generator of its own, so the job's other properties stay those the seed always gave.
     */
    private static CurrentStep currentStep(int n, Instant created, String assignedType, String assignedTo) {
        Random random = new Random(n * 31L + 7);
        boolean asTheJob = random.nextInt(3) > 0;
        String stepId = pick(STEPS, random);
        return new CurrentStep(stepId, stepId, "manual", StepStatus.Ready, asTheJob ? assignedType : "User",
                asTheJob ? assignedTo : pick(USERS, random), null, null, created.toString(), null, null, null, null, null, null);
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
