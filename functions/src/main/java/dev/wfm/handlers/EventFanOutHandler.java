package dev.wfm.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.wfm.common.Log;
import dev.wfm.events.EventFanOut;

/**
 * The table's stream (history records, as template.yaml's filter lets through) to the event
 * consumers; answers the first record not consumed as a batch item failure (ReportBatchItemFailures).
 */
public final class EventFanOutHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final EventFanOut fanOut;

    public EventFanOutHandler() {
        fanOut = new EventFanOut(Services.get().eventConsumers);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent batch, Context context) {
        return Log.during(context, () -> fanOut.handle(batch));
    }
}
