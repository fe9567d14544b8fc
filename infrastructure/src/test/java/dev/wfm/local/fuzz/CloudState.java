package dev.wfm.local.fuzz;

import dev.wfm.local.CloudProcess;
import dev.wfm.local.TableRecords;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * What a cloud holds: every record of its table and every execution of its state machines (with
 * its status), as one value that is equal before and after a request exactly when the request
 * wrote nothing.
 */
final class CloudState implements AutoCloseable {
    /** A snapshot: the table's records by key, and "execution ARN status" of every execution. */
    record Snapshot(SortedMap<String, String> records, java.util.SortedSet<String> executions) {}

    /** A batch header's job count, in a record's canonical text ({@link TableRecords}). */
    private static final Pattern BATCH_TOTAL = Pattern.compile("total=AttributeValue\\(N=(\\d+)\\)");
    private final TableRecords table;
    private final SfnClient sfn;

    CloudState(CloudProcess cloud) {
        table = new TableRecords(cloud.endpoint("dynamodb"));
        sfn = SfnClient.builder()
                .endpointOverride(cloud.endpoint("stepfunctions"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    Snapshot snapshot() {
        java.util.SortedSet<String> executions = new TreeSet<>();
        sfn.listStateMachinesPaginator(builder -> {}).stateMachines().forEach(machine ->
                sfn.listExecutionsPaginator(builder -> builder.stateMachineArn(machine.stateMachineArn())).executions()
                        .forEach(execution -> executions.add(execution.executionArn() + " " + execution.statusAsString())));
        return new Snapshot(TableRecords.writtenByRequests(table.all()), executions);
    }

    /**
     * Waits until what a successful request set going has come to rest: every running execution
     * waits for a task token (its step's activation has written), every batch update has run, and a
     * snapshot agrees with the one before it (at first, {@code previous}: a request that changed nothing costs one snapshot).
     */
    Snapshot settled(Snapshot previous) {
        long deadline = System.currentTimeMillis() + 30_000;
        Snapshot last = previous;
        while (System.currentTimeMillis() < deadline) {
            if (allWaitForATaskToken()) {
                Snapshot now = snapshot();
                if (now.equals(last) && batchesDone(now)) {
                    return now;
                }
                last = now;
            }
            pause();
        }
        throw new AssertionError("The cloud did not come to rest within 30 s");
    }

    /** Whether every batch update has a result for each of its jobs: its chunks run in the background, from the stream. */
    private static boolean batchesDone(Snapshot snapshot) {
        for (var record : snapshot.records().entrySet()) {
            String key = record.getKey();
            int sk = key.indexOf(" BATCH#");
            if (sk < 0) {
                continue;
            }
            Matcher total = BATCH_TOTAL.matcher(record.getValue());
            String results = key.substring(0, sk) + " BATCHJOB#" + key.substring(sk + " BATCH#".length()) + "#";
            long done = snapshot.records().subMap(results, results + Character.MAX_VALUE).values().stream()
                    .filter(result -> !result.contains("DELETING")).count();
            if (!total.find() || done < Long.parseLong(total.group(1))) {
                return false;
            }
        }
        return true;
    }

    private boolean allWaitForATaskToken() {
        return sfn.listStateMachinesPaginator(builder -> {}).stateMachines().stream().allMatch(machine ->
                sfn.listExecutionsPaginator(builder -> builder.stateMachineArn(machine.stateMachineArn()).statusFilter(ExecutionStatus.RUNNING))
                        .executions().stream().allMatch(this::waitsForATaskToken));
    }

    private boolean waitsForATaskToken(ExecutionListItem execution) {
        var events = sfn.getExecutionHistory(builder -> builder.executionArn(execution.executionArn()).reverseOrder(true).maxResults(1)).events();
        return !events.isEmpty() && "TaskSubmitted".equals(events.stream().map(HistoryEvent::typeAsString).findFirst().orElse(""));
    }

    private static void pause() {
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        table.close();
        sfn.close();
    }
}
