package dev.wfm.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client of outbound calls. Every host a connection goes to, the first and every
 * redirect's, is resolved through {@link OutboundPolicy}, and the connection is made to exactly
 * the addresses it checked (the client's DNS hook), so no second lookup can swap in another
 * address. The timeout bounds the whole exchange, a body that trickles in included; no proxy,
 * cookies or automatic retries (retrying is the caller's policy). Never throws: every way a call
 * can go wrong is an {@link Outcome} in words a user can act on.
 */
public final class OutboundHttp {
    /** The most of an answer's body that is read; the rest is not waited for. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "outbound-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** A call to make: {@code headers} go as given (a body's Content-Type among them). */
    public record Call(String method, URI url, Map<String, String> headers, String body, Duration timeout, boolean followRedirects) {
        public Call {
            headers = Map.copyOf(headers);
        }

        /** {@code POST https://example.org/notify}: what the call was, without credentials or query values. */
        public String described() {
            return method + " " + OutboundHttp.shown(url);
        }
    }

    /** How a call ended. */
    public sealed interface Outcome permits Answered, Failed {
        Duration elapsed();
    }

    /** The target answered; {@code body} is at most {@link #MAX_BODY_BYTES} of it. */
    /** The text as an absolute http or https URL with a host, if it is one: what a web request may be sent to. */
    public static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** An answer: its status, body (cut at the limit: {@code truncated}), headers (lower-case names, the first value of each) and how long it took. */
    public record Answered(int status, String body, boolean truncated, Map<String, String> headers, Duration elapsed) implements Outcome {
        private static final int MAX_EXCERPT_CHARS = 200;

        public Answered {
            headers = Map.copyOf(headers);
        }

        /** {@code POST https://example.org/notify answered HTTP 503: <the start of the body, on one line>}. */
        public String describedFor(Call call) {
            String line = body.replaceAll("\\s+", " ").strip();
            String excerpt = line.length() <= MAX_EXCERPT_CHARS ? line : line.substring(0, MAX_EXCERPT_CHARS) + "…";
            return call.described() + " answered HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        }
    }

    /** No answer: {@code message} says why, in the product's words. */
    public record Failed(Failure failure, String message, Duration elapsed) implements Outcome {}

    /** Why a call got no answer; all but {@code REFUSED} may go away when tried again. */
    public enum Failure {
        REFUSED, TIMED_OUT, UNREACHABLE, BROKEN;

        public boolean transientFailure() {
            return this != REFUSED;
        }
    }

    private final OutboundPolicy policy;
    private volatile CloseableHttpClient client;

    public OutboundHttp(OutboundPolicy policy) {
        this.policy = policy;
    }

    /** Built on first use: a function that makes no outbound call never loads the HTTP client. */
    private CloseableHttpClient client() {
        CloseableHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = build(policy);
                }
                built = client;
            }
        }
        return built;
    }

    private static CloseableHttpClient build(OutboundPolicy policy) {
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                policy.check(host, addresses);
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        // A kept connection idle for a while (say, across a SnapStart restore) is checked before reuse.
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(MAX_CONNECT))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        // A Lambda container serves one invocation at a time; where one process serves many (the
                        // local cloud), a call must never queue behind another's slow target for a connection.
                        .setMaxConnTotal(1024).setMaxConnPerRoute(1024)
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    public Outcome send(Call call) {
        long started = System.nanoTime();
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.url());
        call.headers().forEach(request::addHeader);
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body().getBytes(StandardCharsets.UTF_8), null));
        }
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(call.timeout()))
                .setConnectionRequestTimeout(Timeout.of(call.timeout()))
                .setRedirectsEnabled(call.followRedirects())
                .setMaxRedirects(5)
                .build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client().executeOpen(null, request, null);
            Body body = read(response.getEntity(), request);
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            return new Answered(response.getCode(), body.text(), body.truncated(), headers, since(started));
        } catch (OutboundPolicy.OutboundRefusedException e) {
            return new Failed(Failure.REFUSED, call.described() + " was not made: " + e.getMessage(), since(started));
        } catch (IOException | RuntimeException e) {
            return failed(call, expired.get() ? null : e, since(started));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    /** Once the answer is read, closing can only fail on a connection that is dropped anyway. */
    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException ignored) {
                // the connection is discarded, not reused
            }
        }
    }

    private static Failed failed(Call call, Exception cause, Duration elapsed) {
        String target = call.described();
        long seconds = call.timeout().toSeconds();
        if (cause == null || cause instanceof SocketTimeoutException || cause instanceof ConnectTimeoutException) {
            return new Failed(Failure.TIMED_OUT, target + " did not answer within " + seconds + " s", elapsed);
        }
        if (cause instanceof UnknownHostException) {
            return new Failed(Failure.UNREACHABLE, target + " failed: the host name '" + call.url().getHost() + "' does not resolve", elapsed);
        }
        if (cause instanceof ConnectException) {
            return new Failed(Failure.UNREACHABLE, target + " failed: the connection to " + hostAndPort(call.url()) + " was refused", elapsed);
        }
        if (cause instanceof SSLException) {
            return new Failed(Failure.BROKEN, target + " failed: the TLS handshake with " + hostAndPort(call.url())
                    + " failed (is its certificate valid for that name?)", elapsed);
        }
        if (cause.getCause() instanceof RedirectException) {
            return new Failed(Failure.BROKEN, target + " failed: it redirected too often or in a circle", elapsed);
        }
        return new Failed(Failure.BROKEN, target + " failed: the connection broke before a complete answer", elapsed);
    }

    private record Body(String text, boolean truncated) {}

    /** Up to {@link #MAX_BODY_BYTES}; a longer body is cut off by dropping the connection, not read to its end. */
    private static Body read(HttpEntity entity, HttpUriRequestBase request) throws IOException {
        if (entity == null) {
            return new Body("", false);
        }
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
        boolean more = bytes.length == MAX_BODY_BYTES && in.read() >= 0;
        if (more) {
            request.cancel();
        }
        return new Body(new String(bytes, StandardCharsets.UTF_8), more);
    }

    /** The URL as shown to users: scheme, host, port and path; user info and query values left out. */
    public static String shown(URI url) {
        StringBuilder shown = new StringBuilder();
        shown.append(url.getScheme()).append("://").append(hostAndPort(url));
        shown.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            shown.append("?…");
        }
        return shown.toString();
    }

    private static String hostAndPort(URI url) {
        return url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
