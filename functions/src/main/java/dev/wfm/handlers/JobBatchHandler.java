package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.wfm.common.Log;
import dev.wfm.jobs.batches.JobBatches;
import dev.wfm.store.Keys;

/**
 * The inserted chunks of batch updates, from the table's stream (template.yaml's filter lets only
 * them through): each chunk's jobs get their batch's change. A chunk that fails is given again by
 * the stream; its jobs done already are skipped then.
 */
public final class JobBatchHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final JobBatches batches = Services.get().batches;

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Log.during(context, () -> StreamSteps.runEach(event, "A chunk of a batch update", chunk ->
                batches.run(Keys.itemIdOf(chunk.get(Keys.PK).getS()), chunk.get("batchId").getS(), Integer.parseInt(chunk.get("chunk").getN()),
                        chunk.get("jobIds").getL().stream().map(AttributeValue::getS).toList())));
    }
}
