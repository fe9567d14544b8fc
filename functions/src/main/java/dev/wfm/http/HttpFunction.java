package dev.wfm.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
import dev.wfm.security.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The edge of every HTTP function: turns an API Gateway HTTP API (payload 2.0) event into an
 * {@link ApiRequest}, dispatches on the route key, and maps the outcome to the contract's error
 * model. Anything unexpected is an INTERNAL error that names the request id, never a stack trace.
 * Every request answered leaves one access line in the log: the route (its template, not the path
 * with its ids), the status, the error code of a refusal, the latency and the user; never a body,
 * a query or a header, which may carry what the caller alone should see.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Bodies beyond this are refused before parsing, unless a function allows more; API Gateway itself stops at 10 MB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Map<String, Route> routes;
    private final int maxBodyBytes;

    protected HttpFunction(Map<String, Route> routes) {
        this(routes, MAX_BODY_BYTES);
    }

    protected HttpFunction(Map<String, Route> routes, int maxBodyBytes) {
        this.routes = Map.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Log.during(context, () -> answer(event, context));
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        ApiResponse response;
        Identity identity = null;
        try {
            identity = identityOf(event);
            response = dispatch(event, identity);
        } catch (Refusal e) {
            response = ApiResponse.error(e);
        } catch (RuntimeException e) {
            String requestId = context == null ? "unknown" : context.getAwsRequestId();
            // The trace goes to the log, never to the caller; request bodies (which may carry secrets) are not logged.
            Log.error("Unhandled error", e, "route", event.getRouteKey());
            response = ApiResponse.error(ErrorCode.INTERNAL, "Internal error (request " + requestId + ")");
        }
        logAnswered(event.getRouteKey(), response, identity, started);
        return toEvent(response);
    }

    private static void logAnswered(String routeKey, ApiResponse response, Identity identity, long started) {
        // the ArcGIS-compatible routes answer {error: {code: status, type: our code}}
        String code = response.status() >= 400 && response.body() instanceof JsonNode error
                ? (error.has("error") ? error.path("error").path("type") : error.path("code")).asText(null) : null;
        Log.answered(routeKey, response.status(), code, started, identity == null ? null : identity.user());
    }

    private ApiResponse dispatch(APIGatewayV2HTTPEvent event, Identity identity) {
        String routeKey = event.getRouteKey();
        Route route = routes.get(routeKey);
        if (route == null) {
            throw Refusal.notFound("No route " + requestLine(event), null);
        }
        Map<String, String> pathParameters = orEmpty(event.getPathParameters());
        pathParameters.forEach(HttpFunction::requirePossibleId);
        byte[] body = decodeBody(event);
        return route.handle(new ApiRequest(
                routeKey,
                pathParameters,
                orEmpty(event.getQueryStringParameters()),
                lowerCaseKeys(event.getHeaders()),
                body,
                identity,
                event.getRequestContext() == null ? null : event.getRequestContext().getDomainName()));
    }

    /** What the caller asked for ({@code GET /x}): a request that reached no route came through {@code $default}. */
    private static String requestLine(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getHttp() == null || context.getHttp().getMethod() == null) {
            return event.getRouteKey();
        }
        return context.getHttp().getMethod() + " " + context.getHttp().getPath();
    }

    /**
     * Path parameters are ids and names, none of them longer than {@link JsonFields#MAX_ID_LENGTH}:
     * a longer one names nothing that exists, checked here once instead of failing as a key
     * DynamoDB refuses.
     */
    private static void requirePossibleId(String name, String value) {
        if (value.length() > JsonFields.MAX_ID_LENGTH) {
            throw Refusal.notFound("No " + name + " '" + value.substring(0, value.offsetByCodePoints(0, 40)) + "…' exists: ids are at most "
                    + JsonFields.MAX_ID_LENGTH + " characters", name);
        }
    }

    private byte[] decodeBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        byte[] bytes = event.getIsBase64Encoded()
                ? decodeBase64(body)
                : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBodyBytes) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE,
                    "The request body is " + bytes.length + " bytes; the limit is " + maxBodyBytes,
                    "body", List.of(), Map.of("limitBytes", Integer.toString(maxBodyBytes)));
        }
        return bytes;
    }

    private static byte[] decodeBase64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("The request body is marked base64 but is not", "body");
        }
    }

    private static Identity identityOf(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return new Identity(null, List.of());
        }
        return Identity.fromClaims(orEmpty(context.getAuthorizer().getJwt().getClaims()));
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> lowered = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lowered.put(name.toLowerCase(Locale.ROOT), value));
        }
        return lowered;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    private static APIGatewayV2HTTPResponse toEvent(ApiResponse response) {
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(response.status());
        if (response.body() instanceof ApiResponse.Binary binary) {
            Map<String, String> headers = new HashMap<>();
            headers.put("content-type", binary.contentType());
            // user content: the browser must not guess a more dangerous type than the one declared
            headers.put("x-content-type-options", "nosniff");
            if (binary.fileName() != null) {
                headers.put("content-disposition", ContentDisposition.attachment(binary.fileName()));
            }
            out.setHeaders(headers);
            out.setBody(Base64.getEncoder().encodeToString(binary.content()));
            out.setIsBase64Encoded(true);
            return out;
        }
        if (response.body() instanceof ApiResponse.Redirect redirect) {
            out.setHeaders(Map.of("location", redirect.location()));
            out.setIsBase64Encoded(false);
            return out;
        }
        out.setHeaders(Map.of("content-type", "application/json"));
        if (response.body() != null) {
            out.setBody(Json.write(response.body()));
        }
        out.setIsBase64Encoded(false);
        return out;
    }
}
