package dev.wfm.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local (Maven Central {@code com.amazonaws:DynamoDBLocal}) as a server on a loopback
 * port, on disk under a folder or in memory. Its SQLite engine is native: the library shipped in
 * this jar is unpacked once and pointed at with {@code sqlite4java.library.path}.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    private static final String NATIVE_LIBRARY = "libsqlite4java-linux-amd64.so";
    private static final String BACKGROUND_JOBS = "com.amazonaws.services.dynamodbv2.local.shared.jobs.";

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * @param dataDir where the database file lives, or null for an in-memory database
     * @param nativeDir where the native SQLite library is unpacked
     */
    public static DynamoDbLocalServer start(Path dataDir, Path nativeDir) throws Exception {
        prepareNativeLibrary(nativeDir);
        int port = freeLoopbackPort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            args.addAll(List.of("-dbPath", dataDir.toString(), "-sharedDb"));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        bindToLoopback(server);
        server.start();
        return new DynamoDbLocalServer(server, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Stops Jetty and the engine explicitly, then the background jobs (stream shard rollover) that
     * DynamoDB Local schedules on a non-daemon pool it never shuts down: left running, they keep
     * the JVM alive after everything else has stopped.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e.getMessage());
        }
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            for (StackTraceElement frame : frames) {
                if (frame.getClassName().startsWith(BACKGROUND_JOBS)) {
                    thread.interrupt();
                    return;
                }
            }
        });
    }

    /**
     * DynamoDB Local offers no host option and listens on every interface; its Jetty server is
     * reached through the proxy's private field so the database is never exposed off this machine.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost("127.0.0.1");
            }
        }
    }

    private static void prepareNativeLibrary(Path nativeDir) throws IOException {
        Files.createDirectories(nativeDir);
        Path library = nativeDir.resolve(NATIVE_LIBRARY);
        if (!Files.exists(library)) {
            try (InputStream in = DynamoDbLocalServer.class.getResourceAsStream("/native/" + NATIVE_LIBRARY)) {
                if (in == null) {
                    throw new IllegalStateException("The native SQLite library /native/" + NATIVE_LIBRARY
                            + " is not on the classpath; build with 'mvn package' so the infrastructure module copies it");
                }
                Path temp = Files.createTempFile(nativeDir, "sqlite4java", ".tmp");
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.setProperty("sqlite4java.library.path", nativeDir.toString());
    }

    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
