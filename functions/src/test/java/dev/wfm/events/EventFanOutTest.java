package dev.wfm.events;

import static dev.wfm.events.StreamBatches.batch;
import static dev.wfm.events.StreamBatches.finished;
import static dev.wfm.events.StreamBatches.history;
import static dev.wfm.events.StreamBatches.ids;
import static dev.wfm.events.StreamBatches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fan-out: every consumer gets the batch's events in order; the first record not consumed is the batch item failure. */
class EventFanOutTest {
    /** Records what it is given; fails on the events named, every time. */
    private static class Recorder implements EventConsumer {
        final List<StreamedEvent> seen = new ArrayList<>();
        final Set<String> failingOn;

        Recorder(Set<String> failingOn) {
            this.failingOn = failingOn;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void consume(List<StreamedEvent> events) {
            if (events.stream().anyMatch(event -> failingOn.contains(event.eventId()))) {
                throw new IllegalStateException("cannot take " + ids(events));
            }
            seen.addAll(events);
        }
    }

    @Test
    void everyConsumerGetsTheHistoryEventsOfTheBatchInStreamOrderAndTheBatchSucceeds() {
        Recorder first = new Recorder(Set.of());
        Recorder second = new Recorder(Set.of());
        var job = record("INSERT", "2", Map.of("pk", new AttributeValue("ITEM#i1"), "sk", new AttributeValue("JOB#j1")));

        StreamsEventResponse answer = new EventFanOut(List.of(first, second)).handle(batch(
                history("1", 1, finished("a")), job, history("3", 2, finished("b")), history("4", 3, finished("c"))));

        assertEquals(List.of(), answer.getBatchItemFailures());
        assertEquals(List.of("j1/1/0", "j1/2/0", "j1/3/0"), ids(first.seen));
        assertEquals(first.seen, second.seen);
    }

    @Test
    void consumersTakeABatchSideBySideSoASlowOneHoldsNoOtherBack() {
        CountDownLatch quickOneDone = new CountDownLatch(1);
        Recorder quick = new Recorder(Set.of()) {
            @Override
            public void consume(List<StreamedEvent> events) {
                super.consume(events);
                quickOneDone.countDown();
            }
        };
        EventConsumer slow = new Recorder(Set.of()) {
            @Override
            public void consume(List<StreamedEvent> events) {
                // taken one after the other, the quick one would only start once this one gave up
                try {
                    if (!quickOneDone.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the quick consumer did not take the batch meanwhile");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                super.consume(events);
            }
        };

        StreamsEventResponse answer = new EventFanOut(List.of(slow, quick)).handle(batch(history("1", 1, finished("a"))));

        assertEquals(List.of(), answer.getBatchItemFailures(), "the slow consumer saw the quick one take the batch while it waited");
        assertEquals(List.of("j1/1/0"), ids(quick.seen));
    }

    @Test
    void aConsumerFailingOnAnEventMakesItsRecordTheFailureAndHasHadTheEventsBeforeIt() {
        Recorder failing = new Recorder(Set.of("j1/3/0"));

        StreamsEventResponse answer = new EventFanOut(List.of(failing)).handle(batch(
                history("1", 1, finished("a")), history("2", 2, finished("b")), history("3", 3, finished("c")), history("4", 4, finished("d"))));

        assertEquals(List.of("3"), failures(answer));
        assertEquals(List.of("j1/1/0", "j1/2/0"), ids(failing.seen), "found one by one after the batch failed");
    }

    @Test
    void aChangesEventsShareItsRecordSoAFailureOnItsSecondMakesThatRecordTheFailure() {
        Recorder failing = new Recorder(Set.of("j1/2/1"));

        StreamsEventResponse answer = new EventFanOut(List.of(failing)).handle(batch(
                history("1", 1, finished("a")), history("2", 2, finished("b"), finished("c")), history("3", 3, finished("d"))));

        assertEquals(List.of("2"), failures(answer), "the record is delivered again, the event before the failed one with it");
        assertEquals(List.of("j1/1/0", "j1/2/0"), ids(failing.seen));
    }

    @Test
    void theEarliestFailureOfAnyConsumerIsTheBatchsFailure() {
        Recorder late = new Recorder(Set.of("j1/3/0"));
        Recorder early = new Recorder(Set.of("j1/2/0"));

        StreamsEventResponse answer = new EventFanOut(List.of(late, early)).handle(batch(
                history("1", 1, finished("a")), history("2", 2, finished("b")), history("3", 3, finished("c"))));

        assertEquals(List.of("2"), failures(answer));
    }

    @Test
    void anUnreadableRecordFailsTheWholeInvocationBeforeAnyConsumerIsBothered() {
        Recorder consumer = new Recorder(Set.of());
        EventFanOut fanOut = new EventFanOut(List.of(consumer));

        assertThrows(HistoryRecords.UnreadableRecord.class, () -> fanOut.handle(batch(
                history("1", 1, finished("a")), history("2", "[{\"eventId\":\"j1/2/0\",\"event\":{\"type\":\"StepVanished\"}}]"), history("3", 3, finished("c")))));

        assertEquals(List.of(), consumer.seen, "the stream splits the batch; the halves without it are delivered");
    }

    @Test
    void aBatchWithoutJobEventsSucceedsWithoutBotheringTheConsumers() {
        Recorder consumer = new Recorder(Set.of("anything"));
        assertEquals(List.of(), new EventFanOut(List.of(consumer)).handle(batch()).getBatchItemFailures());
        assertEquals(List.of(), new EventFanOut(List.of(consumer)).handle(new com.amazonaws.services.lambda.runtime.events.DynamodbEvent())
                .getBatchItemFailures());
        assertEquals(List.of(), consumer.seen);
    }

    private static List<String> failures(StreamsEventResponse answer) {
        return answer.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
