package dev.wfm.local.auth;

import dev.wfm.local.runtime.LoopbackJetty;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The dev token issuer's published keys, as Cognito publishes a user pool's: {@code GET
 * /.well-known/jwks.json} answers the public key of {@link DevTokens}, so a function that checks
 * tokens itself (the WebSocket API's {@code $connect}) fetches them as it does on AWS.
 */
public final class LocalIssuer implements AutoCloseable {
    private static final String KEYS_PATH = "/.well-known/jwks.json";

    private final DevTokens tokens;
    private Server server;

    public LocalIssuer(DevTokens tokens) {
        this.tokens = tokens;
    }

    /** Listens on a free loopback port; answers the key set's URL. */
    public URI start() throws Exception {
        ServerConnector connector = LoopbackJetty.connector("local-issuer", 0);
        server = connector.getServer();
        byte[] keys = tokens.publicKeySet().getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!"GET".equals(request.getMethod()) || !KEYS_PATH.equals(request.getHttpURI().getPath())) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(keys), callback);
                return true;
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + KEYS_PATH);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
