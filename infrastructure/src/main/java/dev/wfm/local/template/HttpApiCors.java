package dev.wfm.local.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API's {@code CorsConfiguration} (SAM's HttpApiCorsConfiguration), resolved: API Gateway
 * answers a preflight from an allowed origin itself, before any route or authorizer, and adds the
 * allow-origin header to every answer to that origin; other origins get no CORS headers at all.
 */
public record HttpApiCors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, List<String> exposeHeaders,
                          int maxAgeSeconds) {
    /** No CORS configuration: browsers on other origins may not call the API. */
    public static final HttpApiCors NONE = new HttpApiCors(List.of(), List.of(), List.of(), List.of(), 0);

    public HttpApiCors {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    static HttpApiCors parse(Object configuration, Intrinsics intrinsics) {
        Map<String, Object> cors = SamTemplate.cast(configuration);
        if (cors.isEmpty()) {
            return NONE;
        }
        Object maxAge = cors.get("MaxAge");
        return new HttpApiCors(strings(cors.get("AllowOrigins"), intrinsics), strings(cors.get("AllowMethods"), intrinsics),
                strings(cors.get("AllowHeaders"), intrinsics), strings(cors.get("ExposeHeaders"), intrinsics),
                maxAge == null ? 0 : Integer.parseInt(intrinsics.resolve(maxAge)));
    }

    private static List<String> strings(Object values, Intrinsics intrinsics) {
        return SamTemplate.list(values).stream().map(intrinsics::resolve).filter(value -> !value.isEmpty()).toList();
    }

    /** Whether a browser page from {@code origin} may read the API's answers (origins compare exactly, scheme and port included). */
    public boolean allows(String origin) {
        return origin != null && (allowOrigins.contains(origin) || allowOrigins.contains("*"));
    }

    /** Whether a preflight's requested method is allowed. */
    public boolean allowsMethod(String method) {
        return method != null && (allowMethods.contains("*") || allowMethods.contains(method.toUpperCase(Locale.ROOT)));
    }
}
