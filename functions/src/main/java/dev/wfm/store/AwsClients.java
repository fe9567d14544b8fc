package dev.wfm.store;

import dev.wfm.common.Settings;
import java.net.URI;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
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
                .httpClientBuilder(AwsCrtHttpClient.builder())
                .build();
    }

    private static final class SfnHolder {
        static final SfnClient CLIENT = SfnClient.builder()
                .httpClientBuilder(AwsCrtHttpClient.builder())
                .build();
    }

    private static final class LogsHolder {
        static final CloudWatchLogsClient CLIENT = CloudWatchLogsClient.builder()
                .httpClientBuilder(AwsCrtHttpClient.builder())
                .build();
    }

    private static final class SesHolder {
        static final SesV2Client CLIENT = SesV2Client.builder()
                .httpClientBuilder(AwsCrtHttpClient.builder())
                .build();
    }

    /**
     * S3 at a custom endpoint (S3Proxy locally, via aws.endpointUrlS3 / AWS_ENDPOINT_URL_S3) is
     * addressed path-style: such stores do not answer bucket subdomains. The presigner reads no
     * endpoint setting of its own, so it is given the same one.
     */
    private static final class S3Setup {
        static final String ENDPOINT = Settings.optional("AWS_ENDPOINT_URL_S3", System.getProperty("aws.endpointUrlS3"));
        static final S3Configuration CONFIGURATION = S3Configuration.builder().pathStyleAccessEnabled(ENDPOINT != null).build();
    }

    private static final class S3Holder {
        static final S3Client CLIENT = S3Client.builder()
                .httpClientBuilder(AwsCrtHttpClient.builder())
                .serviceConfiguration(S3Setup.CONFIGURATION)
                .build();
    }

    /** Built apart from the client: deleting a job's files needs the client only, a download URL the presigner only. */
    private static final class PresignerHolder {
        static final S3Presigner PRESIGNER = presigner();

        private static S3Presigner presigner() {
            S3Presigner.Builder builder = S3Presigner.builder().serviceConfiguration(S3Setup.CONFIGURATION);
            return S3Setup.ENDPOINT == null ? builder.build() : builder.endpointOverride(URI.create(S3Setup.ENDPOINT)).build();
        }
    }

    /**
     * The WebSocket API's management endpoint ({@code https://{apiId}.execute-api.{region}.amazonaws.com/{stage}}
     * on AWS), which the SDK cannot derive: template.yaml gives it as WEBSOCKET_CALLBACK_URL.
     */
    private static final class ManagementHolder {
        static final ApiGatewayManagementApiClient CLIENT = ApiGatewayManagementApiClient.builder()
                .httpClientBuilder(AwsCrtHttpClient.builder())
                .endpointOverride(URI.create(Settings.required("WEBSOCKET_CALLBACK_URL")))
                .build();
    }

    public static CloudWatchLogsClient logs() {
        return LogsHolder.CLIENT;
    }

    public static ApiGatewayManagementApiClient apiGatewayManagement() {
        return ManagementHolder.CLIENT;
    }

    public static S3Client s3() {
        return S3Holder.CLIENT;
    }

    public static S3Presigner s3Presigner() {
        return PresignerHolder.PRESIGNER;
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoHolder.CLIENT;
    }

    public static SfnClient stepFunctions() {
        return SfnHolder.CLIENT;
    }

    public static SesV2Client sesV2() {
        return SesHolder.CLIENT;
    }
}
