package dev.wfm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Pages of a list route's answer, as seed 003 pages them: {@code ?limit=N} asks for a page and the
 * answer's {@code @nextLink} is the URL of the next one (the same route and query, with
 * {@code after}), absent on the last page. Without {@code limit} or {@code after} a list answers
 * whole, as it always has. {@code after} is opaque to clients: it holds the key of the page's
 * last entry, and the next page starts after that key, so an entry added or removed meanwhile
 * neither repeats nor skips the ones after it (entries are listed in ascending key order).
 */
public final class Paging {
    public static final int MAX_LIMIT = 1000;
    public static final String NEXT_LINK = "@nextLink";
    private static final String AFTER = "after";
    private static final String TOKEN_PREFIX = "k:";

    private Paging() {}

    /** The page the request asks for of {@code entries} (in ascending {@code key} order), as {@code {field: [...], @nextLink?}}. */
    public static ObjectNode listed(ApiRequest request, String field, List<? extends JsonNode> entries, Function<JsonNode, String> key) {
        Page page = page(request, entries, i -> key.apply(entries.get(i)));
        ObjectNode answer = Json.object();
        answer.set(field, page.entries());
        if (page.nextLink() != null) {
            answer.put(NEXT_LINK, page.nextLink());
        }
        return answer;
    }

    /**
     * The page of a list a route answers as a bare array: the whole array, as always, without
     * {@code limit} or {@code after}; with them {@code {value: [...], @nextLink?}} (seed 003's shape).
     */
    public static JsonNode array(ApiRequest request, List<? extends JsonNode> entries, Function<JsonNode, String> key) {
        return array(request, page(request, entries, i -> key.apply(entries.get(i))));
    }

    /** As {@link #array(ApiRequest, List, Function)} for a list that only grows at its end (a history): keyed by position. */
    public static JsonNode appendOnly(ApiRequest request, List<? extends JsonNode> entries) {
        return array(request, page(request, entries, i -> String.format("%010d", i)));
    }

    private static JsonNode array(ApiRequest request, Page page) {
        if (!paged(request)) {
            return page.entries();
        }
        ObjectNode answer = Json.object();
        answer.set("value", page.entries());
        if (page.nextLink() != null) {
            answer.put(NEXT_LINK, page.nextLink());
        }
        return answer;
    }

    /** The URL of the page after {@code lastKey}, {@code limit} entries long: the request's own route and query. */
    public static String nextLink(ApiRequest request, int limit, String lastKey) {
        return link(request, Map.of("limit", Integer.toString(limit),
                AFTER, Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + lastKey).getBytes(StandardCharsets.UTF_8))));
    }

    /** The request's own route and query with {@code parameters} set: the next page of a route that pages by its own token. */
    public static String link(ApiRequest request, Map<String, String> parameters) {
        Map<String, String> query = new TreeMap<>(request.query());
        query.putAll(parameters);
        StringBuilder link = new StringBuilder(request.baseUrl()).append(request.path());
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            link.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return link.toString();
    }

    private record Page(ArrayNode entries, String nextLink) {}

    private static boolean paged(ApiRequest request) {
        return request.queryParameter("limit").isPresent() || request.queryParameter(AFTER).isPresent();
    }

    private static Page page(ApiRequest request, List<? extends JsonNode> entries, IntFunction<String> keyAt) {
        ArrayNode page = Json.MAPPER.createArrayNode();
        if (!paged(request)) {
            entries.forEach(page::add);
            return new Page(page, null);
        }
        int limit = request.limit(MAX_LIMIT, MAX_LIMIT);
        String after = request.queryParameter(AFTER).map(Paging::afterKey).orElse(null);
        int from = 0;
        if (after != null) {
            from = entries.size();
            for (int i = 0; i < entries.size(); i++) {
                int order = keyAt.apply(i).compareTo(after);
                if (order >= 0) {
                    from = order == 0 ? i + 1 : i;
                    break;
                }
            }
        }
        int to = Math.min(entries.size(), from + limit);
        for (int i = from; i < to; i++) {
            page.add(entries.get(i));
        }
        String next = to < entries.size() ? nextLink(request, limit, keyAt.apply(to - 1)) : null;
        return new Page(page, next);
    }

    /** The key an {@code after} this class wrote holds; anything else is refused. */
    private static String afterKey(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                return decoded.substring(TOKEN_PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below
        }
        throw Refusal.invalid("after is not one this route answered: follow the @nextLink as given", AFTER);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
