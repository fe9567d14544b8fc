package dev.wfm.local.stepfunctions;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** A service on an ephemeral port, its fake Lambda functions, and a real SfnClient pointed at it. */
final class LocalSfn implements AutoCloseable {

    static final String ROLE = "arn:aws:iam::000000000000:role/local";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    final FakeLambdas lambdas;
    final StepFunctionsService service;
    final URI endpoint;
    final SfnClient sfn;

    LocalSfn() {
        this(null, new FakeLambdas());
    }

    LocalSfn(Path stateDir, FakeLambdas lambdas) {
        this.lambdas = lambdas;
        service = new StepFunctionsService(lambdas, stateDir);
        try {
            endpoint = service.start(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        sfn = client(endpoint);
    }

    static SfnClient client(URI endpoint) {
        return SfnClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a machine under a fresh name and answers its ARN. */
    String create(String definition) {
        return sfn.createStateMachine(b -> b.name("sm-" + UUID.randomUUID()).definition(definition).roleArn(ROLE))
                .stateMachineArn();
    }

    String start(String machineArn, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).input(input)).executionArn();
    }

    /** Creates a machine, starts it and waits for the end. */
    DescribeExecutionResponse run(String definition, String input) {
        return awaitEnd(start(create(definition), input));
    }

    /** Polls DescribeExecution until the execution has ended. */
    DescribeExecutionResponse awaitEnd(String executionArn) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still running after " + DEADLINE + ": " + executionArn);
            }
            sleep(20);
        }
    }

    List<HistoryEvent> history(String executionArn) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events().stream().toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        sfn.close();
        service.close();
    }
}
