package dev.wfm.search;

import dev.wfm.common.Log;
import dev.wfm.jobs.JobStore;
import dev.wfm.store.Keys;
import dev.wfm.store.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What a scheduler tick does for items made before their jobs were counted ({@link JobCounts}): the
 * items whose backfill is due (a Query of the due index) have their job listing read a page at a
 * time, each page's jobs read as they are now (consistently) and counted as if created when they
 * last changed (the counts' {@code asOf} is the newest change counted), and the item's
 * {@code COUNTS} record moved past the page and due again at the tick's time, behind the items the
 * tick did not reach. A tick reads at most {@code pagesPerItem} pages of each due item in turn, while
 * its {@code timeBudget} lasts, so a large item is counted over several ticks beside the others; when
 * the listing ends the record stops backfilling and the item's statistics come from its counts.
 *
 * <p>The stream counts the item's changes meanwhile; a job's counted revision lets only the first of
 * the two count it (JobCounts). A tick that fails, or two ticks at once, count nothing twice: a page
 * read again finds its jobs counted, and the record moves on only from where the tick read it.
 */
public final class CountsBackfill {
    /** How many items were due at a tick, and how many of their jobs it counted (passing those the stream counted). */
    public record Summary(int due, int jobsCounted) {}

    /** A BatchGetItem's most. */
    public static final int PAGE = 100;
    /** About 5,000 jobs of an item a tick, an item of 100,000 counted in 20 minutes... */
    public static final int PAGES_PER_ITEM = 50;
    /** ...unless they take longer than this share of a tick's 90 s (template.yaml), or what is left of the tick. */
    public static final Duration TIME_PER_RUN = Duration.ofSeconds(30);

    private final Table table;
    private final JobStore jobs;
    private final JobCounts counts;
    private final int pageSize;
    private final int pagesPerItem;

    /**
     * {@code pageSize}: jobs read and counted together (at most 100, a BatchGetItem's); {@code pagesPerItem}:
     * a tick's share of an item.
     */
    public CountsBackfill(Table table, JobStore jobs, JobCounts counts, int pageSize, int pagesPerItem) {
        this.table = table;
        this.jobs = jobs;
        this.counts = counts;
        this.pageSize = pageSize;
        this.pagesPerItem = pagesPerItem;
    }

    /** Pages of {@link #PAGE} jobs, {@link #PAGES_PER_ITEM} of an item a tick. */
    public CountsBackfill(Table table, JobStore jobs, JobCounts counts) {
        this(table, jobs, counts, PAGE, PAGES_PER_ITEM);
    }

    /** Counts a share of each due item's jobs; no page is begun once {@code timeBudget} has passed. */
    public Summary run(Instant now, Duration timeBudget) {
        List<Map<String, AttributeValue>> due = table.queryAll(QueryRequest.builder()
                .indexName(Keys.DUE_INDEX)
                .keyConditionExpression("duePk = :p AND dueAt <= :now")
                .expressionAttributeValues(Map.of(":p", Table.s(JobCounts.BACKFILL_DUE), ":now", Table.s(Keys.dueTime(now))))
                .projectionExpression("pk, " + JobCounts.BACKFILL_AFTER));
        long started = System.nanoTime();
        int counted = 0;
        for (Map<String, AttributeValue> record : due) {
            String itemId = Keys.itemIdOf(record.get(Keys.PK).s());
            String after = record.containsKey(JobCounts.BACKFILL_AFTER) ? record.get(JobCounts.BACKFILL_AFTER).s() : null;
            try {
                for (int pages = 0; pages < pagesPerItem && System.nanoTime() - started < timeBudget.toNanos(); pages++) {
                    List<String> jobIds = jobs.jobIds(itemId, after, pageSize);
                    // the jobs the stream counted already are passed unread: one of them in a transaction would refuse it
                    List<JobCounts.Change> changes = jobs.findAll(itemId, counts.notCountedYet(itemId, jobIds)).stream()
                            // at now, when the job was read: a counter's asOf set from an old update would go back in time
                            .map(job -> new JobCounts.Change(itemId, null, job, now))
                            .toList();
                    int countedHere = counts.count(changes);
                    counted += countedHere;
                    if (countedHere < changes.size()) {
                        break; // left where it was: the next tick reads the page again, and passes the jobs counted now
                    }
                    String next = jobIds.size() < pageSize ? null : jobIds.get(jobIds.size() - 1);
                    if (!moveOn(itemId, after, next, now)) {
                        Log.info("A backfill of job counts moved on elsewhere", "itemId", itemId);
                        break;
                    }
                    if (next == null) {
                        Log.info("The jobs of an item made before counting are counted", "itemId", itemId);
                        break;
                    }
                    after = next;
                }
            } catch (RuntimeException e) {
                // left where it was, for the next tick; one item must not stop the others
                Log.error("A backfill of job counts failed", e, "itemId", itemId);
            }
        }
        return new Summary(due.size(), counted);
    }

    /**
     * Moves the item's backfill from {@code after} to {@code next}, due at {@code now}, or ends it when
     * {@code next} is null; false when another tick moved it first (or the item is gone).
     */
    private boolean moveOn(String itemId, String after, String next, Instant now) {
        Map<String, String> names = Map.of("#after", JobCounts.BACKFILL_AFTER, "#backfilling", JobCounts.BACKFILLING);
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "attribute_exists(#backfilling) AND ";
        if (after == null) {
            condition += "attribute_not_exists(#after)";
        } else {
            condition += "#after = :after";
            values.put(":after", Table.s(after));
        }
        String update;
        if (next == null) {
            update = "REMOVE #backfilling, #after, duePk, dueAt";
        } else {
            update = "SET #after = :next, dueAt = :now";
            values.put(":next", Table.s(next));
            values.put(":now", Table.s(Keys.dueTime(now)));
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .key(Table.key(Keys.item(itemId), Keys.JOB_COUNTS))
                .conditionExpression(condition)
                .updateExpression(update)
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        return table.updateIf(request);
    }
}
