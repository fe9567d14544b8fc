package dev.wfm.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lambda function of the template: its handler, its {@code Timeout} (seconds, Lambda's default
 * 3 when neither the function nor Globals sets one), environment, HTTP routes, schedules, the
 * table streams it reads, and the log group its lines go to ({@code LoggingConfig.LogGroup},
 * Lambda's {@code /aws/lambda/{function}} when neither the function nor Globals names one).
 */
public record FunctionSpec(
        String logicalId,
        String handler,
        int timeoutSeconds,
        Map<String, String> environment,
        List<RouteSpec> routes,
        List<String> schedules,
        List<StreamSource> streams,
        String logGroup) {
    /** Lambda's timeout for a function that sets none. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /** A function that reads no stream and logs to its own group. */
    public FunctionSpec(String logicalId, String handler, int timeoutSeconds, Map<String, String> environment, List<RouteSpec> routes,
                        List<String> schedules) {
        this(logicalId, handler, timeoutSeconds, environment, routes, schedules, List.of(), defaultLogGroup(logicalId));
    }

    private static String defaultLogGroup(String logicalId) {
        return "/aws/lambda/" + logicalId;
    }

    /** One HttpApi event: {@code path} is API Gateway's ({@code /items/{itemId}}, or {@code $default}). */
    public record RouteSpec(String method, String path, boolean authorized) {
        public String routeKey() {
            return "$default".equals(path) ? "$default" : method + " " + path;
        }
    }

    static FunctionSpec parse(String logicalId, Map<String, Object> properties, Map<String, Object> globals, Intrinsics intrinsics) {
        Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
        if (handler == null) {
            throw new IllegalArgumentException("Function " + logicalId + " has no Handler");
        }
        Object timeout = properties.getOrDefault("Timeout", globals.get("Timeout"));
        int timeoutSeconds = timeout == null ? DEFAULT_TIMEOUT_SECONDS : Integer.parseInt(intrinsics.resolve(timeout));
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(globals, properties)) {
            Map<String, Object> variables = SamTemplate.cast(SamTemplate.cast(source.get("Environment")).get("Variables"));
            variables.forEach((name, value) -> environment.put(name, intrinsics.resolve(value)));
        }
        List<RouteSpec> routes = new ArrayList<>();
        List<String> schedules = new ArrayList<>();
        List<StreamSource> streams = new ArrayList<>();
        SamTemplate.cast(properties.get("Events")).forEach((eventId, value) -> {
            Map<String, Object> event = SamTemplate.cast(value);
            Map<String, Object> eventProperties = SamTemplate.cast(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> {
                    Object authorizer = SamTemplate.cast(eventProperties.get("Auth")).get("Authorizer");
                    routes.add(new RouteSpec(
                            String.valueOf(eventProperties.getOrDefault("Method", "ANY")).toUpperCase(java.util.Locale.ROOT),
                            String.valueOf(eventProperties.get("Path")),
                            !"NONE".equals(authorizer)));
                }
                case "Schedule" -> schedules.add(String.valueOf(eventProperties.get("Schedule")));
                case "DynamoDB" -> streams.add(StreamSource.parse(eventId, eventProperties, intrinsics));
                default -> { }
            }
        });
        Object logGroup = SamTemplate.cast(properties.getOrDefault("LoggingConfig", globals.get("LoggingConfig"))).get("LogGroup");
        return new FunctionSpec(logicalId, String.valueOf(handler), timeoutSeconds, Map.copyOf(environment), List.copyOf(routes),
                List.copyOf(schedules), List.copyOf(streams), logGroup == null ? defaultLogGroup(logicalId) : intrinsics.resolve(logGroup));
    }
}
