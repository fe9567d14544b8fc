package dev.wfm.local.api;

import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.FunctionSpec.RouteSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes as template.yaml declares them, matched as API Gateway does: the most
 * specific route wins (literal segments before {@code {param}}, before a greedy {@code {proxy+}}),
 * and {@code $default} catches what nothing else matches.
 */
public final class RouteTable {
    /** A matched route: which function, the route key, the path parameters. */
    public record Match(FunctionSpec function, RouteSpec route, Map<String, String> pathParameters) {}

    private record Entry(FunctionSpec function, RouteSpec route, String[] segments) {
        int literalSegments() {
            int count = 0;
            for (String segment : segments) {
                if (!segment.startsWith("{")) {
                    count++;
                }
            }
            return count;
        }

        boolean greedy() {
            return segments.length > 0 && segments[segments.length - 1].endsWith("+}");
        }
    }

    private final List<Entry> entries;
    private final Entry fallback;

    public RouteTable(List<FunctionSpec> functions) {
        List<Entry> routes = new ArrayList<>();
        Entry defaultRoute = null;
        for (FunctionSpec function : functions) {
            for (RouteSpec route : function.routes()) {
                if ("$default".equals(route.path())) {
                    defaultRoute = new Entry(function, route, new String[0]);
                } else {
                    routes.add(new Entry(function, route, split(route.path())));
                }
            }
        }
        routes.sort(Comparator.comparing(Entry::greedy)
                .thenComparing(Comparator.comparingInt(Entry::literalSegments).reversed())
                .thenComparing(entry -> "ANY".equals(entry.route().method())));
        this.entries = List.copyOf(routes);
        this.fallback = defaultRoute;
    }

    public Optional<Match> match(String method, String path) {
        String[] segments = split(path);
        for (Entry entry : entries) {
            if (!entry.route().method().equals(method) && !"ANY".equals(entry.route().method())) {
                continue;
            }
            Map<String, String> parameters = bind(entry.segments(), segments);
            if (parameters != null) {
                return Optional.of(new Match(entry.function(), entry.route(), parameters));
            }
        }
        return Optional.ofNullable(fallback).map(entry -> new Match(entry.function(), entry.route(), Map.of()));
    }

    private static Map<String, String> bind(String[] pattern, String[] path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String segment = pattern[i];
            if (segment.endsWith("+}")) {
                if (i >= path.length) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 2), String.join("/", java.util.Arrays.copyOfRange(path, i, path.length)));
                return parameters;
            }
            if (i >= path.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), path[i]);
            } else if (!segment.equals(path[i])) {
                return null;
            }
        }
        return pattern.length == path.length ? parameters : null;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
