package dev.wfm.local.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wfm.local.runtime.DaemonThreads;
import dev.wfm.local.runtime.LoopbackHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The local cloud's Amazon SES v2: {@code SendEmail} ({@code POST /v2/email/outbound-emails}, the
 * REST-JSON protocol of {@code SesV2Client}) keeps each message, one JSON file per message under
 * the data folder (or in memory), instead of sending it; {@code GET /_aws/ses} lists them oldest
 * first, as LocalStack's SES does: {@code {"messages": [{messageId, sentAt, from, to, cc, bcc,
 * replyTo, subject, text, html}]}}. Simple content only (what the functions send); a request
 * without a sender, a recipient or a subject and body is refused as SES refuses it
 * ({@code BadRequestException}). Signatures are not checked.
 */
public final class LocalSes implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static final String MESSAGES = "/_aws/ses";

    private final Path directory;
    private final List<ObjectNode> inMemory = new ArrayList<>();
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService threads;

    private LocalSes(Path directory, Clock clock, HttpServer server, ExecutorService threads) {
        this.directory = directory;
        this.clock = clock;
        this.server = server;
        this.threads = threads;
    }

    /** Serves on a free loopback port; {@code directory} null keeps the messages in memory. */
    public static LocalSes start(Path directory, Clock clock) throws IOException {
        if (directory != null) {
            Files.createDirectories(directory);
        }
        LoopbackHttp.noDelay();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.named("local-ses"));
        http.setExecutor(threads);
        LocalSes ses = new LocalSes(directory, clock, http, threads);
        http.createContext("/", ses::handle);
        http.start();
        return ses;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The messages kept, oldest first. */
    public synchronized List<ObjectNode> messages() throws IOException {
        if (directory == null) {
            return List.copyOf(inMemory);
        }
        List<ObjectNode> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                messages.add((ObjectNode) JSON.readTree(file.toFile()));
            }
        }
        return messages;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals(SEND_EMAIL)) {
                JsonNode request;
                try {
                    request = JSON.readTree(exchange.getRequestBody());
                } catch (IOException notJson) {
                    error(exchange, 400, "BadRequestException", "The request body is not JSON");
                    return;
                }
                String problem = problem(request);
                if (problem != null) {
                    error(exchange, 400, "BadRequestException", problem);
                    return;
                }
                answer(exchange, 200, JSON.createObjectNode().put("MessageId", keep(request)));
            } else if (method.equals("GET") && path.equals(MESSAGES)) {
                ObjectNode list = JSON.createObjectNode();
                ArrayNode messages = list.putArray("messages");
                messages().forEach(messages::add);
                answer(exchange, 200, list);
            } else {
                error(exchange, 404, "NotFoundException", "The local SES serves SendEmail (POST " + SEND_EMAIL + ") and GET " + MESSAGES);
            }
        }
    }

    /** Why SES would refuse the request, or null. */
    private static String problem(JsonNode request) {
        if (!request.path("FromEmailAddress").isTextual()) {
            return "FromEmailAddress is required";
        }
        JsonNode destination = request.path("Destination");
        if (Stream.of("ToAddresses", "CcAddresses", "BccAddresses").allMatch(field -> destination.path(field).isEmpty())) {
            return "Destination must name at least one address";
        }
        JsonNode simple = request.path("Content").path("Simple");
        if (simple.isMissingNode()) {
            return "The local SES takes Simple content only";
        }
        if (!simple.path("Subject").path("Data").isTextual()) {
            return "Content.Simple.Subject.Data is required";
        }
        if (!simple.path("Body").path("Text").path("Data").isTextual() && !simple.path("Body").path("Html").path("Data").isTextual()) {
            return "Content.Simple.Body needs Text or Html";
        }
        return null;
    }

    private synchronized String keep(JsonNode request) throws IOException {
        String messageId = UUID.randomUUID().toString();
        String sentAt = clock.instant().toString();
        JsonNode simple = request.path("Content").path("Simple");
        ObjectNode message = JSON.createObjectNode().put("messageId", messageId).put("sentAt", sentAt)
                .put("from", request.path("FromEmailAddress").asText());
        JsonNode destination = request.path("Destination");
        message.set("to", destination.path("ToAddresses").isArray() ? destination.get("ToAddresses") : JSON.createArrayNode());
        message.set("cc", destination.path("CcAddresses").isArray() ? destination.get("CcAddresses") : JSON.createArrayNode());
        message.set("bcc", destination.path("BccAddresses").isArray() ? destination.get("BccAddresses") : JSON.createArrayNode());
        message.set("replyTo", request.path("ReplyToAddresses").isArray() ? request.get("ReplyToAddresses") : JSON.createArrayNode());
        message.put("subject", simple.path("Subject").path("Data").asText());
        message.put("text", simple.path("Body").path("Text").path("Data").asText(null));
        message.put("html", simple.path("Body").path("Html").path("Data").asText(null));
        if (directory == null) {
            inMemory.add(message);
        } else {
            String name = String.format("%013d", clock.millis()) + "-" + messageId + ".json";
            Path temp = Files.createTempFile(directory, name, ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(message));
            Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        return messageId;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        answer(exchange, status, JSON.createObjectNode().put("message", message));
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        LoopbackHttp.answerJson(exchange, status, "application/json", body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
