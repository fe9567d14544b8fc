package dev.wfm.local.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.wfm.events.EventConsumer;
import dev.wfm.events.EventFanOut;
import dev.wfm.events.StreamedEvent;
import dev.wfm.local.lambda.InProcessLambdas;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.StreamSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The event fan-out with one consumer that records what it is given, as a function of its own: the
 * stream, the event source mapping, the runtime's serializers and the fan-out are the real ones, the
 * consumer is the test's eye. Its recordings are the JVM's (a handler is built by its class name).
 */
public final class RecordingFanOut implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final List<StreamedEvent> RECORDED = new ArrayList<>();

    private final EventFanOut fanOut = new EventFanOut(List.of(new EventConsumer() {
        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void consume(List<StreamedEvent> events) {
            synchronized (RECORDED) {
                RECORDED.addAll(events);
            }
        }
    }));

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent batch, Context context) {
        return fanOut.handle(batch);
    }

    /** What was recorded of an item's events, in the order delivered. */
    static List<StreamedEvent> recorded(String itemId) {
        synchronized (RECORDED) {
            return RECORDED.stream().filter(event -> event.itemId().equals(itemId)).toList();
        }
    }

    /** The recording function and the mapping that feeds it. */
    record Running(LocalStreams streams, InProcessLambdas lambdas) implements AutoCloseable {
        @Override
        public void close() {
            streams.close();
            lambdas.close();
        }
    }

    /** This function reading the table's stream as EventFanOutFunction does (template.yaml's mapping), keeping its checkpoint under {@code dataDir} (null: in memory). */
    static Running start(URI dynamoEndpoint, Path dataDir) {
        StreamSource source = StreamedJobs.templateFunction("EventFanOutFunction").streams().get(0);
        FunctionSpec function = new FunctionSpec("RecordingFanOut", RecordingFanOut.class.getName() + "::handleRequest", 30, Map.of(),
                List.of(), List.of(), List.of(source), "/aws/lambda/RecordingFanOut");
        InProcessLambdas lambdas = new InProcessLambdas(List.of(function));
        LocalStreams streams = new LocalStreams(List.of(function), lambdas, dynamoEndpoint, dataDir, Clock.systemUTC());
        streams.start();
        return new Running(streams, lambdas);
    }
}
