package dev.wfm.local.stepfunctions;

import com.sun.net.httpserver.HttpServer;
import dev.wfm.local.lambda.LambdaInvoker;
import dev.wfm.local.runtime.LoopbackHttp;
import dev.wfm.local.stepfunctions.persistence.Store;
import dev.wfm.local.stepfunctions.protocol.Engine;
import dev.wfm.local.stepfunctions.protocol.ProtocolHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local AWS Step Functions: the real JSON protocol over HTTP, so {@code SfnClient} with an
 * endpoint override and the AWS CLI work against it, running Amazon States Language definitions
 * in JSONata mode with Lambda tasks run by a {@link LambdaInvoker}.
 *
 * <p>With a state directory, state machines and executions survive a restart: executions that
 * were running are replayed from their recorded history, so a task token issued before the
 * restart can still be answered after it. Only one service may use a directory at a time.
 */
public final class StepFunctionsService implements AutoCloseable {

    private static final int HTTP_THREADS = 4;

    private final Engine engine;
    private HttpServer server;
    private ExecutorService httpThreads;

    /** @param stateDirOrNull where to persist; null keeps everything in memory */
    public StepFunctionsService(LambdaInvoker invoker, Path stateDirOrNull) {
        engine = new Engine(invoker, stateDirOrNull == null ? Store.inMemory() : Store.inDirectory(stateDirOrNull));
    }

    /**
     * Serves on 127.0.0.1 and resumes the executions that were running when the directory was last used.
     *
     * @param port 0 for any free port
     * @return the endpoint, e.g. {@code http://127.0.0.1:41234}
     */
    public synchronized URI start(int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("Already started on " + server.getAddress());
        }
        LoopbackHttp.noDelay();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        AtomicInteger count = new AtomicInteger();
        httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "sfn-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(httpThreads);
        http.createContext("/", new ProtocolHandler(engine));
        http.start();
        server = http;
        // After the server is up: a resumed task's Lambda may call this service right away.
        engine.resume();
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Stops serving and every thread; running executions stay RUNNING on disk, to resume next time. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            httpThreads.shutdownNow();
            server = null;
        }
        engine.close();
    }

    /** Completes with the final status: lets tests and benchmarks wait without polling. */
    public CompletableFuture<String> whenFinished(String executionArn) {
        return engine.execution(executionArn).whenFinished().thenApply(Enum::name);
    }
}
