package dev.wfm.local.runtime;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The Jetty servers of the local cloud: on loopback only, daemon threads, no version in the answers. */
public final class LoopbackJetty {
    private LoopbackJetty() {}

    /** A server with one connector on {@code 127.0.0.1:port} (0: a free port), its threads named {@code name}; the connector. */
    public static ServerConnector connector(String name, int port) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }
}
