package dev.wfm.local.bench;

import dev.wfm.local.dynamodb.DynamoDbLocalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What the SDK's HTTP client costs a warm call: GetItem of one 3 KB record from DynamoDB Local
 * over loopback, with the AWS CRT client the functions use, the URLConnection client (the lightest
 * to load, which they used before) and the Apache client, in rounds that alternate so all see the
 * same machine; the first rounds warm the JIT and are not reported. What each costs a cold start is
 * ColdStartBenchmark's to say.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.HttpClientBenchmark [--calls 500] [--rounds 10]
 * </pre>
 */
public final class HttpClientBenchmark {
    private static final String TABLE = "HttpClientBench";
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("JOB#1"));

    private HttpClientBenchmark() {}

    public static void main(String[] args) throws Exception {
        int calls = LocalCloudBenchmark.option(args, "--calls", 500);
        int rounds = LocalCloudBenchmark.option(args, "--rounds", 10);
        int warmUp = rounds / 2;
        Path dir = Files.createTempDirectory("wfm-http-bench");
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(null, dir.resolve("native"));
             DynamoDbClient urlConnection = client(server, UrlConnectionHttpClient.builder().build());
             DynamoDbClient apache = client(server, ApacheHttpClient.builder().build());
             DynamoDbClient crt = client(server, AwsCrtHttpClient.builder().build())) {
            urlConnection.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            urlConnection.putItem(b -> b.tableName(TABLE).item(Map.of("pk", KEY.get("pk"), "doc", AttributeValue.fromS("x".repeat(3000)))));
            Stats urlConnectionStats = new Stats();
            Stats apacheStats = new Stats();
            Stats crtStats = new Stats();
            for (int round = 0; round < rounds; round++) {
                Stats urlConnectionRound = getItems(urlConnection, calls);
                Stats apacheRound = getItems(apache, calls);
                Stats crtRound = getItems(crt, calls);
                if (round >= warmUp) {
                    crtStats.add(crtRound);
                    urlConnectionStats.add(urlConnectionRound);
                    apacheStats.add(apacheRound);
                }
            }
            System.out.println();
            System.out.println("SDK HTTP clients, warm GetItem of a 3 KB record from DynamoDB Local ("
                    + Runtime.getRuntime().availableProcessors() + " cores, " + (rounds - warmUp) + " of " + rounds + " rounds)");
            System.out.println(crtStats.line("AWS CRT client (the functions')"));
            System.out.println(urlConnectionStats.line("URLConnection client"));
            System.out.println(apacheStats.line("Apache client"));
            System.out.printf("URLConnection / CRT = %.1f, Apache / CRT = %.1f (medians)%n",
                    urlConnectionStats.medianMillis() / crtStats.medianMillis(), apacheStats.medianMillis() / crtStats.medianMillis());
        }
    }

    private static DynamoDbClient client(DynamoDbLocalServer server, SdkHttpClient http) {
        return DynamoDbClient.builder().endpointOverride(server.endpoint()).httpClient(http).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    private static Stats getItems(DynamoDbClient dynamo, int calls) {
        Stats stats = new Stats();
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            dynamo.getItem(b -> b.tableName(TABLE).key(KEY));
            stats.add(System.nanoTime() - t);
        }
        return stats;
    }
}
