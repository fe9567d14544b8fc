package dev.wfm.local.bench;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Step Functions executions through the real SfnClient, timed from StartExecution to SUCCEEDED. */
final class StepFunctionsRuns {
    private final SfnClient sfn;

    StepFunctionsRuns(URI endpoint) {
        sfn = SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    Stats passChain(int states, int runs) {
        StringBuilder definition = new StringBuilder("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S0\", \"States\": {");
        for (int i = 0; i < states; i++) {
            definition.append(i > 0 ? "," : "").append("\"S").append(i).append("\": {\"Type\": \"Pass\", \"Output\": \"{% $states.input %}\", ")
                    .append(i + 1 < states ? "\"Next\": \"S" + (i + 1) + "\"" : "\"End\": true").append("}");
        }
        definition.append("}}");
        String arn = sfn.createStateMachine(b -> b.name("bench-pass-chain-" + states).definition(definition.toString())
                .roleArn("arn:aws:iam::000000000000:role/bench")).stateMachineArn();
        Stats stats = new Stats();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"n\": 1}")).executionArn();
            while (sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.RUNNING) {
                Thread.onSpinWait();
            }
            stats.add(System.nanoTime() - t);
        }
        return stats;
    }
}
