package dev.wfm.local.streams;

import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.Intrinsics;
import dev.wfm.local.template.StreamSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The template's {@code DynamoDB} events run as Lambda runs them: one {@link EventSourceMapping} per
 * enabled event, reading the table's stream from DynamoDB Local (which serves the Streams API, and keeps stream
 * records in its database file across restarts) with the SDK's {@code DynamoDbStreamsClient}, and
 * invoking the function in-process. Checkpoints are kept under {@code streams/} of the data folder,
 * OnFailure destinations' messages under {@code dead-letters/}; in memory both are kept in memory.
 */
public final class LocalStreams implements AutoCloseable {
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final List<EventSourceMapping> mappings = new ArrayList<>();
    private final Map<String, DeadLetters> queues = new LinkedHashMap<>();

    /** @param dataDir where checkpoints and dead letters are kept; null: in memory */
    public LocalStreams(List<FunctionSpec> functions, LambdaInvoker lambdas, URI dynamoEndpoint, Path dataDir, Clock clock) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        dynamo = DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoEndpoint).region(Region.of(Intrinsics.REGION))
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        for (FunctionSpec function : functions) {
            for (StreamSource source : function.streams().stream().filter(StreamSource::enabled).toList()) {
                DeadLetters deadLetters = source.onFailure() == null ? null
                        : queues.computeIfAbsent(DeadLetters.queueName(source.onFailure()), queue -> DeadLetters.of(dataDir, source.onFailure()));
                Path checkpoint = dataDir == null ? null : dataDir.resolve("streams").resolve(function.logicalId() + "." + source.eventId() + ".json");
                mappings.add(new EventSourceMapping(function.logicalId(), source, lambdas, dynamo, streams, checkpoint, deadLetters, clock));
            }
        }
    }

    public void start() {
        mappings.forEach(EventSourceMapping::start);
    }

    /** The OnFailure destination queue of that name (the last part of its ARN; locally the queue's logical id). */
    public DeadLetters deadLetters(String queueName) {
        DeadLetters queue = queues.get(queueName);
        if (queue == null) {
            throw new IllegalArgumentException("No stream of the template has the OnFailure destination " + queueName + "; there are " + queues.keySet());
        }
        return queue;
    }

    @Override
    public void close() {
        mappings.forEach(EventSourceMapping::close);
        streams.close();
        dynamo.close();
    }
}
