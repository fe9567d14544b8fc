package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.wfm.common.Log;
import dev.wfm.store.Keys;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stream batch of work records (a batch update's chunks, an item deletion's steps), each run in
 * order from its inserted image; the first that fails is answered as the batch item failure
 * (ReportBatchItemFailures), so the stream gives it, and those after it, again.
 */
final class StreamSteps {
    private StreamSteps() {}

    static StreamsEventResponse runEach(DynamodbEvent event, String what, Consumer<Map<String, AttributeValue>> step) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of()
                : event.getRecords()) {
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            try {
                step.accept(image);
            } catch (RuntimeException e) {
                Log.warn(what + " failed; the stream gives it again", e, "sk", image == null || !image.containsKey(Keys.SK) ? null
                        : image.get(Keys.SK).getS());
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
