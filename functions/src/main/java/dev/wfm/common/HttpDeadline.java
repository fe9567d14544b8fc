package dev.wfm.common;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An outbound HTTP exchange, body included, within one deadline. HttpClient's own request timeout
 * ends when the response headers arrive, so a server that sends its headers and then trickles the
 * body would otherwise hold the caller for as long as it likes.
 */
public final class HttpDeadline {
    private HttpDeadline() {}

    /**
     * Like {@link HttpClient#send}, failing with {@link HttpTimeoutException} (as HttpClient's own
     * timeout does) when the whole exchange has not ended within {@code within}; the exchange is
     * then abandoned and its connection closed.
     */
    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body, Duration within)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, body);
        try {
            return exchange.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("request timed out");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }
}
