package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.wfm.common.Log;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.search.JobCounts;
import dev.wfm.store.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The changes of job records, from the table's stream (template.yaml's filter lets only them
 * through, with their old and new images), counted into the items' job counts in order, a batch in
 * as few transactions as fit. The first change not counted (or not readable) is answered as the
 * batch item failure, so the stream gives it again with those after it; those counted before it are
 * not counted again.
 */
public final class JobCountsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final JobCounts counts = Services.get().jobCounts;

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Log.during(context, () -> {
            List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
            List<JobCounts.Change> changes = new ArrayList<>();
            for (DynamodbEvent.DynamodbStreamRecord record : records) {
                try {
                    changes.add(change(record.getDynamodb()));
                } catch (RuntimeException unreadable) {
                    Log.warn("A job change is not readable", unreadable);
                    break;
                }
            }
            int counted = counts.count(changes);
            return new StreamsEventResponse(counted == records.size() ? List.of()
                    : List.of(new StreamsEventResponse.BatchItemFailure(records.get(counted).getDynamodb().getSequenceNumber())));
        });
    }

    private static JobCounts.Change change(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord change) {
        String itemId = Keys.itemIdOf(change.getKeys().get(Keys.PK).getS());
        Instant at = change.getApproximateCreationDateTime() == null ? Instant.now() : change.getApproximateCreationDateTime().toInstant();
        return new JobCounts.Change(itemId, job(change.getOldImage()), job(change.getNewImage()), at);
    }

    private static Job job(Map<String, AttributeValue> image) {
        return image == null || !image.containsKey("doc") ? null : JobStore.fromDoc(image.get("doc").getS());
    }
}
