package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.wfm.common.Log;
import dev.wfm.items.ItemDeletion;
import dev.wfm.store.Keys;

/**
 * The inserted steps of item deletions, from the table's stream (template.yaml's filter lets only
 * them through): each runs one step. A step that fails is given again by the stream.
 */
public final class ItemDeletionHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ItemDeletion deletion = Services.get().itemDeletion;

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Log.during(context, () -> StreamSteps.runEach(event, "A step of an item's deletion", step ->
                deletion.step(Keys.itemIdOf(step.get(Keys.PK).getS()),
                        Integer.parseInt(step.get(Keys.SK).getS().substring(Keys.DELETION_STEP_PREFIX.length())))));
    }
}
