package dev.wfm.local.api;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A request Jetty accepted, seen as the JDK's {@link HttpExchange} that the gateway is written
 * against. The answer is kept until the exchange closes and then sent whole, as the gateway
 * writes every answer in one piece.
 */
final class JettyExchange extends HttpExchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    private int responseCode = -1;

    JettyExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        request.getHeaders().forEach(field -> requestHeaders.add(field.getName(), field.getValue()));
    }

    /** Whether an answer was started, and so will complete the exchange when it closes. */
    boolean answered() {
        return responseCode >= 0;
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    /**
     * The request target, as the JDK server gives it.
     *
     * @throws IllegalArgumentException when it is no URI, though Jetty let it through (e.g. {@code {}} in a query)
     */
    @Override
    public URI getRequestURI() {
        return URI.create(request.getHttpURI().getPathQuery());
    }

    @Override
    public String getRequestMethod() {
        return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        throw new UnsupportedOperationException("The local HTTP API serves every path from one handler");
    }

    @Override
    public InputStream getRequestBody() {
        return Content.Source.asInputStream(request);
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int status, long length) {
        responseCode = status;
        response.setStatus(status);
        responseHeaders.forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
    }

    @Override
    public void close() {
        if (answered()) {
            response.write(true, ByteBuffer.wrap(responseBody.toByteArray()), callback);
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) request.getConnectionMetaData().getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return request.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        request.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException("The local HTTP API does not filter its streams");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
