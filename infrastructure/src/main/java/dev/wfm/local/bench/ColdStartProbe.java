package dev.wfm.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.wfm.handlers.JobApiHandler;
import java.util.Map;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One cold start, run in a fresh JVM by {@link ColdStartBenchmark}: {@code floor} builds a DynamoDB
 * client (with the functions' HTTP client) and reads one job record (the least a function that answers from DynamoDB can do);
 * {@code function} builds the job API function and answers one {@code GET} of that job, as Lambda
 * would. Prints one line when answered, so the parent times JVM start to first answer, then the
 * CPU time the process used until then.
 * <pre>  ColdStartProbe floor|function TABLE ITEM_ID JOB_ID</pre>
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    public static void main(String[] args) {
        String mode = args[0];
        String table = args[1];
        String itemId = args[2];
        String jobId = args[3];
        String answer = switch (mode) {
            case "floor" -> floor(table, itemId, jobId);
            case "function" -> function(itemId, jobId);
            default -> throw new IllegalArgumentException("mode is floor or function, not " + mode);
        };
        System.out.println(answer);
        // CPU time, read after the answer: less sensitive than wall time to a busy machine.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.println(os.getProcessCpuTime());
    }

    private static String floor(String table, String itemId, String jobId) {
        // the HTTP client the functions are built with (store.AwsClients), from the function jar
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClientBuilder(AwsCrtHttpClient.builder()).build();
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("ITEM#" + itemId), "sk", AttributeValue.fromS("JOB#" + jobId)))).item();
        return item.isEmpty() ? "missing" : "200";
    }

    private static String function(String itemId, String jobId) {
        String path = "/items/" + itemId + "/jobs/" + jobId;
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /items/{itemId}/jobs/{jobId}")
                .withRawPath(path)
                .withPathParameters(Map.of("itemId", itemId, "jobId", jobId))
                .withHeaders(Map.of("host", "localhost"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName("localhost")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "admin", "groups", "[admins]")).build())
                                .build())
                        .build())
                .build();
        return Integer.toString(new JobApiHandler().handleRequest(event, null).getStatusCode());
    }
}
