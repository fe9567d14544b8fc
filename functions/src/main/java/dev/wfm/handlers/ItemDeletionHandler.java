package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.wfm.common.Log;
import dev.wfm.items.ItemDeletion;
import dev.wfm.store.Keys;
import java.util.List;
import java.util.Map;

/**
 * The inserted steps of item deletions, from the table's stream (template.yaml's filter lets only
 * them through): each runs one step. A step that fails is answered as the batch item failure, so
 * the stream gives it again.
 */
public final class ItemDeletionHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ItemDeletion deletion = Services.get().itemDeletion;

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Log.during(context, () -> {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of()
                    : event.getRecords()) {
                Map<String, AttributeValue> step = record.getDynamodb().getNewImage();
                String sk = step.get(Keys.SK).getS();
                try {
                    deletion.step(Keys.itemIdOf(step.get(Keys.PK).getS()), Integer.parseInt(sk.substring(Keys.DELETION_STEP_PREFIX.length())));
                } catch (RuntimeException e) {
                    Log.warn("A step of an item's deletion failed; the stream gives it again", e, "sk", sk);
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber())));
                }
            }
            return new StreamsEventResponse(List.of());
        });
    }
}
