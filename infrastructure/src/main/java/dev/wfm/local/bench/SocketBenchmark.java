package dev.wfm.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfm.local.LocalCloud;
import dev.wfm.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Live notifications through the whole local cloud, in one run: Finish over HTTP → StepFinished
 * received on a subscribed WebSocket, next to Finish → next step current (polled over HTTP, as
 * {@link LocalCloudBenchmark} measures it); and the fan-out of one job's StepFinished to 100
 * subscribers (each one's latency, and until the last of them has it). Events reach the sockets
 * consumer as on AWS: the table's stream, read by the local event source mapping, into the event
 * fan-out; the mapping's polling of the stream is part of the figures.
 * <pre>
 *   mvn -q -B package -DskipTests
 *   java -cp infrastructure/target/local-cloud.jar dev.wfm.local.bench.SocketBenchmark [--finish-runs 300] [--fanout-rounds 30]
 * </pre>
 */
public final class SocketBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration BOUND = Duration.ofSeconds(30);

    private SocketBenchmark() {}

    public static void main(String[] args) throws Exception {
        int finishRuns = LocalCloudBenchmark.option(args, "--finish-runs", 300);
        int fanoutRounds = LocalCloudBenchmark.option(args, "--fanout-rounds", 30);
        int subscribers = LocalCloudBenchmark.option(args, "--subscribers", 100);
        Path dataDir = Files.createTempDirectory("wfm-socket-bench");
        try (LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(0, dataDir, true, SamTemplate.locate(Path.of(""))))) {
            JobFlows flows = new JobFlows(cloud.endpoints().api(), cloud.adminToken());
            URI endpoint = URI.create(cloud.endpoints().websocket() + "?itemId=" + flows.itemId() + "&token=" + cloud.adminToken());
            List<String> report = new ArrayList<>();
            report.add(flows.finishToNextStepCurrent(finishRuns, Duration.ZERO).line("HTTP: Finish -> next step current"));
            report.add(finishToSocket(flows, endpoint, finishRuns).line("WebSocket: Finish -> StepFinished received"));
            Stats each = new Stats();
            Stats last = new Stats();
            fanOut(flows, endpoint, subscribers, fanoutRounds, each, last);
            report.add(each.line("WebSocket: Finish -> StepFinished, each of " + subscribers + " subscribers"));
            report.add(last.line("WebSocket: Finish -> StepFinished at all " + subscribers + " subscribers"));
            System.out.println();
            System.out.println("Live notifications benchmark (" + Runtime.getRuntime().availableProcessors() + " cores)");
            report.forEach(System.out::println);
        }
    }

    private static Stats finishToSocket(JobFlows flows, URI endpoint, int runs) throws Exception {
        String jobId = flows.startJob();
        Client client = Client.subscribed(endpoint, jobId);
        Stats stats = new Stats();
        String current = "ping";
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            String next = flows.finish(jobId, current);
            stats.add(client.next(finished(current)) - t);
            client.next(current(next));
            current = next;
        }
        client.socket.abort();
        return stats;
    }

    private static void fanOut(JobFlows flows, URI endpoint, int subscribers, int rounds, Stats each, Stats last)
            throws Exception {
        String jobId = flows.startJob();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            clients.add(Client.subscribed(endpoint, jobId));
        }
        String current = "ping";
        for (int round = 0; round < rounds; round++) {
            long t = System.nanoTime();
            String next = flows.finish(jobId, current);
            long latest = 0;
            for (Client client : clients) {
                long arrived = client.next(finished(current)) - t;
                each.add(arrived);
                latest = Math.max(latest, arrived);
            }
            last.add(latest);
            for (Client client : clients) {
                client.next(current(next));
            }
            current = next;
        }
        clients.forEach(client -> client.socket.abort());
    }

    private static Predicate<JsonNode> finished(String stepId) {
        return message -> message.path("msgType").asText().equals("StepFinished") && stepOf(message).equals(stepId);
    }

    /** ping becomes current as StepBecameCurrent, the question pong as StepInfoRequired. */
    private static Predicate<JsonNode> current(String stepId) {
        return message -> (message.path("msgType").asText().equals("StepBecameCurrent") || message.path("msgType").asText().equals("StepInfoRequired"))
                && stepOf(message).equals(stepId);
    }

    private static String stepOf(JsonNode message) {
        return message.path("message").path("stepIds").path(0).asText();
    }

    /** A subscribed client; each message kept with the time it arrived. */
    private record Client(WebSocket socket, LinkedBlockingQueue<Arrival> inbox) {
        record Arrival(long nanos, JsonNode message) {}

        static Client subscribed(URI endpoint, String jobId) throws Exception {
            LinkedBlockingQueue<Arrival> inbox = new LinkedBlockingQueue<>();
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(endpoint, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        long now = System.nanoTime();
                        try {
                            inbox.add(new Arrival(now, MAPPER.readTree(text.toString())));
                        } catch (Exception unreadable) {
                            // not a message of ours
                        }
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            Client client = new Client(socket, inbox);
            socket.sendText("{\"action\": \"subscribe\", \"jobIds\": [\"" + jobId + "\"]}", true).join();
            client.next(message -> message.path("msgType").asText().equals("Subscribed"));
            return client;
        }

        /** When the next matching message arrived (those before it passed over). */
        long next(Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (System.nanoTime() < deadline) {
                Arrival arrival = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (arrival != null && wanted.test(arrival.message())) {
                    return arrival.nanos();
                }
            }
            throw new IllegalStateException("no such message within " + BOUND.toSeconds() + " s");
        }
    }
}
