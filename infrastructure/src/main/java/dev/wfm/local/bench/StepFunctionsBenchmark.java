package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.lambda.LambdaInvokeException;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.lambda.LambdaResult;
import dev.wfm.local.stepfunctions.StepFunctionsService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Latency of the local Step Functions, measured end to end through the real SfnClient over HTTP:
 * StartExecution until the execution has ended (observed through a completion callback, not by
 * polling). Run with {@code java ... dev.wfm.local.bench.StepFunctionsBenchmark [runs]}.
 */
public final class StepFunctionsBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DEFAULT_RUNS = 300;
    private static final String ROLE = "arn:aws:iam::000000000000:role/benchmark";
    private static final String TOKEN_FUNCTION = "benchmark-activate";

    private StepFunctionsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
        System.out.println(summary("10-state Pass chain", passChainNanos(runs)));
        System.out.println(summary("waitForTaskToken round trip", taskTokenRoundTripNanos(runs)));
    }

    /** StartExecution of a chain of ten Pass states (Assign and Output on each) until SUCCEEDED; one entry per run. */
    public static List<Long> passChainNanos(int runs) throws Exception {
        StringBuilder states = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            states.append(i > 1 ? "," : "").append("\"S").append(i).append("\": {\"Type\": \"Pass\", ")
                    .append("\"Assign\": {\"step\": ").append(i).append("}, ")
                    .append("\"Output\": \"{% $merge([$states.input, {'s").append(i).append("': $states.input.n + ").append(i)
                    .append("}]) %}\", ").append(i < 10 ? "\"Next\": \"S" + (i + 1) + "\"" : "\"End\": true").append("}");
        }
        String definition = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S1\", \"States\": {" + states + "}}";
        try (Bench bench = new Bench((function, payload) -> new LambdaResult("{}".getBytes(StandardCharsets.UTF_8), null, null))) {
            String machine = bench.create("pass-chain", definition);
            return bench.measure(runs, () -> bench.awaitEnd(bench.start(machine)));
        }
    }

    /**
     * StartExecution of a waitForTaskToken task; the fake function hands the token over; then
     * SendTaskSuccess, until SUCCEEDED. One entry per run.
     */
    public static List<Long> taskTokenRoundTripNanos(int runs) throws Exception {
        BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
        LambdaInvoker activation = (function, payload) -> {
            try {
                tokens.add(MAPPER.readTree(payload).path("token").asText());
            } catch (IOException e) {
                throw new LambdaInvokeException("Lambda.InvalidRequestContentException", e.getMessage(), e);
            }
            return new LambdaResult("{}".getBytes(StandardCharsets.UTF_8), null, "$LATEST");
        };
        String definition = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"Human\", \"States\": {\"Human\": {"
                + "\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke.waitForTaskToken\", \"End\": true, "
                + "\"Arguments\": {\"FunctionName\": \"" + TOKEN_FUNCTION + "\", "
                + "\"Payload\": {\"token\": \"{% $states.context.Task.Token %}\"}}, "
                + "\"Output\": \"{% $states.result %}\"}}}";
        try (Bench bench = new Bench(activation)) {
            String machine = bench.create("token-round-trip", definition);
            return bench.measure(runs, () -> {
                String execution = bench.start(machine);
                String token = tokens.poll(10, TimeUnit.SECONDS);
                bench.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"returnCode\": \"OK\"}"));
                bench.awaitEnd(execution);
            });
        }
    }

    /** "label: median 1.23 ms, p99 4.56 ms over 300 runs". */
    public static String summary(String label, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        long median = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        return String.format(Locale.ROOT, "%s: median %.2f ms, p99 %.2f ms over %d runs", label, median / 1e6, p99 / 1e6,
                sorted.size());
    }

    /** A service in memory and a client for it. */
    private static final class Bench implements AutoCloseable {
        // Enough for the JIT to compile the interpreter and the SDK: on 2 cores fewer runs measure the compiler.
        private static final int WARM_UP_RUNS = 300;

        private final StepFunctionsService service;
        private final SfnClient sfn;

        Bench(LambdaInvoker invoker) throws IOException {
            service = new StepFunctionsService(invoker, null);
            URI endpoint = service.start(0);
            sfn = SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }

        String create(String name, String definition) {
            return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
        }

        String start(String machine) {
            return sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 1}")).executionArn();
        }

        void awaitEnd(String execution) throws Exception {
            String status = service.whenFinished(execution).get(10, TimeUnit.SECONDS);
            if (!status.equals("SUCCEEDED")) {
                throw new IllegalStateException(execution + " ended " + status);
            }
        }

        List<Long> measure(int runs, Run run) throws Exception {
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                run.once();
            }
            List<Long> nanos = new ArrayList<>(runs);
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                run.once();
                nanos.add(System.nanoTime() - start);
            }
            return nanos;
        }

        @Override
        public void close() {
            sfn.close();
            service.close();
        }
    }

    @FunctionalInterface
    private interface Run {
        void once() throws Exception;
    }
}
