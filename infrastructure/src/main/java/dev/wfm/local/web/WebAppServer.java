package dev.wfm.local.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.auth.DevTokens;
import dev.wfm.local.runtime.LoopbackJetty;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The web app as the local cloud serves it, at its own origin (as CloudFront serves it on AWS):
 * the project's {@code web/} folder as it stands, {@code /config.json} naming the local APIs and
 * the dev sign-in, and that sign-in itself, which exists only here: {@code GET /dev/sign-in} asks
 * for a user and groups, {@code POST /dev/token} answers a dev token for them from the local
 * issuer, as {@code local-cloud.jar token} prints one. It listens on loopback only.
 */
public final class WebAppServer implements AutoCloseable {
    static final String SIGN_IN_PATH = "/dev/sign-in";
    static final String TOKEN_PATH = "/dev/token";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    private static final int MAX_TOKEN_REQUEST = 4096;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path root;
    private final DevTokens tokens;
    private final Supplier<ObjectNode> config;
    private Server server;

    /** {@code config} is read at each request: the APIs' URLs are known only once they have started. */
    public WebAppServer(Path root, DevTokens tokens, Supplier<ObjectNode> config) {
        this.root = root.toAbsolutePath().normalize();
        this.tokens = tokens;
        this.config = config;
    }

    /** Listens on loopback ({@code port} 0: any free port); answers the app's origin, {@code http://127.0.0.1:PORT}. */
    public URI start(int port) throws Exception {
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            throw new IllegalStateException("No web app in " + root + " (index.html is missing)");
        }
        ServerConnector connector = LoopbackJetty.connector("web-app", port);
        server = connector.getServer();
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(files).newResource(root));
        files.setWelcomeFiles(List.of("index.html"));
        files.setDirAllowed(false);
        server.setHandler(new Handler.Sequence(new LocalRoutes(), files));
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** What is not a file of the app: its configuration and the dev sign-in. */
    private final class LocalRoutes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            if ("/config.json".equals(path) && "GET".equals(method)) {
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                write(response, callback, 200, "application/json", MAPPER.writeValueAsBytes(config.get()));
                return true;
            }
            if (SIGN_IN_PATH.equals(path) && "GET".equals(method)) {
                write(response, callback, 200, "text/html; charset=utf-8", signInPage());
                return true;
            }
            if (TOKEN_PATH.equals(path) && "POST".equals(method)) {
                issue(request, response, callback);
                return true;
            }
            return false;
        }

        /** {@code {user, groups: [...]}} → {@code {token}}; a missing or odd user is a 400 in the error model. */
        private void issue(Request request, Response response, Callback callback) throws IOException {
            JsonNode body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] bytes = in.readNBytes(MAX_TOKEN_REQUEST + 1);
                body = bytes.length > MAX_TOKEN_REQUEST ? null : MAPPER.readTree(bytes);
            } catch (IOException notJson) {
                body = null;
            }
            String user = body == null ? "" : body.path("user").asText("").strip();
            if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
                error(response, callback, "Give a user: 1 to 64 letters, digits or . _ @ -", "user");
                return;
            }
            List<String> groups = body.path("groups").isArray()
                    ? Arrays.stream(MAPPER.convertValue(body.get("groups"), String[].class)).map(String::strip).filter(g -> !g.isEmpty()).toList()
                    : List.of();
            if (groups.stream().anyMatch(group -> !group.matches("[A-Za-z0-9._@-]{1,64}"))) {
                error(response, callback, "Groups are names of 1 to 64 letters, digits or . _ @ -", "groups");
                return;
            }
            ObjectNode answer = MAPPER.createObjectNode().put("token", tokens.issue(user, groups, TOKEN_LIFETIME))
                    .put("expiresIn", TOKEN_LIFETIME.toSeconds());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            write(response, callback, 200, "application/json", MAPPER.writeValueAsBytes(answer));
        }

        private void error(Response response, Callback callback, String message, String target) throws IOException {
            ObjectNode error = MAPPER.createObjectNode().put("code", "INVALID_ARGUMENT").put("message", message).put("target", target);
            write(response, callback, 400, "application/json", MAPPER.writeValueAsBytes(error));
        }
    }

    private static byte[] signInPage() throws IOException {
        try (InputStream page = WebAppServer.class.getResourceAsStream("dev-sign-in.html")) {
            if (page == null) {
                throw new IOException("dev-sign-in.html is missing from the local cloud");
            }
            return page.readAllBytes();
        }
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
