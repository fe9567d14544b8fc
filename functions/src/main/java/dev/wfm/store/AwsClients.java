package dev.wfm.store;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * SDK clients, built once per container so warm invocations (and SnapStart snapshots) reuse them.
 * Region, credentials and endpoints come from the SDK's standard configuration chain
 * (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB / aws.endpointUrlDynamodb, ...): the code never knows
 * which cloud it talks to.
 */
public final class AwsClients {
    private AwsClients() {}

    private static final class DynamoHolder {
        static final DynamoDbClient CLIENT = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static final class SfnHolder {
        static final SfnClient CLIENT = SfnClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoHolder.CLIENT;
    }

    public static SfnClient stepFunctions() {
        return SfnHolder.CLIENT;
    }
}
