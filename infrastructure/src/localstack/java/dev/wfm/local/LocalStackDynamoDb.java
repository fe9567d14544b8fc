package dev.wfm.local;

import cloud.localstack.Localstack;
import cloud.localstack.docker.annotation.LocalstackDockerConfiguration;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compiled only in the {@code localstack} profile: starts LocalStack in Docker with DynamoDB and
 * answers its endpoint, which {@link TestCloud} hands to the local cloud in place of DynamoDB Local.
 */
public final class LocalStackDynamoDb implements Supplier<URI> {
    @Override
    public URI get() {
        Localstack.INSTANCE.startup(LocalstackDockerConfiguration.builder()
                .environmentVariables(Map.of("SERVICES", "dynamodb"))
                .build());
        Runtime.getRuntime().addShutdownHook(new Thread(Localstack.INSTANCE::stop, "localstack-stop"));
        return URI.create(Localstack.INSTANCE.getEndpointDynamoDB());
    }
}
