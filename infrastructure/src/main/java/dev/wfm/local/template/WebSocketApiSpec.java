package dev.wfm.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's WebSocket API ({@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET}):
 * its stage, route selection expression, and each route's function, read through the route's
 * {@code Target} ({@code integrations/{integration}}) and the integration's Lambda {@code IntegrationUri}.
 */
public record WebSocketApiSpec(String logicalId, String stage, String routeSelectionExpression, Map<String, String> functionsByRoute) {
    private static final Pattern FUNCTION_ARN = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}");

    public WebSocketApiSpec {
        functionsByRoute = Map.copyOf(functionsByRoute);
    }

    /** The template's WebSocket API, if it has one. */
    public static Optional<WebSocketApiSpec> of(SamTemplate template) {
        Map<String, Object> resources = template.resources();
        for (var entry : resources.entrySet()) {
            Map<String, Object> resource = SamTemplate.cast(entry.getValue());
            Map<String, Object> properties = SamTemplate.cast(resource.get("Properties"));
            if ("AWS::ApiGatewayV2::Api".equals(resource.get("Type")) && "WEBSOCKET".equals(properties.get("ProtocolType"))) {
                return Optional.of(parse(entry.getKey(), properties, resources));
            }
        }
        return Optional.empty();
    }

    private static WebSocketApiSpec parse(String apiId, Map<String, Object> api, Map<String, Object> resources) {
        String stage = null;
        Map<String, String> routes = new LinkedHashMap<>();
        for (var entry : resources.entrySet()) {
            Map<String, Object> resource = SamTemplate.cast(entry.getValue());
            Map<String, Object> properties = SamTemplate.cast(resource.get("Properties"));
            if (!apiId.equals(ref(properties.get("ApiId")))) {
                continue;
            }
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::ApiGatewayV2::Stage" -> stage = String.valueOf(properties.get("StageName"));
                case "AWS::ApiGatewayV2::Route" -> routes.put(String.valueOf(properties.get("RouteKey")),
                        function(integrationOf(properties.get("Target")), resources));
                default -> { }
            }
        }
        if (stage == null) {
            throw new IllegalArgumentException("WebSocket API " + apiId + " has no AWS::ApiGatewayV2::Stage");
        }
        return new WebSocketApiSpec(apiId, stage, String.valueOf(api.get("RouteSelectionExpression")), routes);
    }

    /** {@code !Join ["/", ["integrations", !Ref X]]} names integration X. */
    private static String integrationOf(Object target) {
        List<Object> join = SamTemplate.list(SamTemplate.cast(target).get("Fn::Join"));
        List<Object> parts = join.size() == 2 ? SamTemplate.list(join.get(1)) : List.of();
        if (parts.size() != 2 || !"integrations".equals(parts.get(0)) || ref(parts.get(1)) == null) {
            throw new IllegalArgumentException("A WebSocket route's Target must be !Join [\"/\", [\"integrations\", !Ref <Integration>]]: " + target);
        }
        return ref(parts.get(1));
    }

    private static String function(String integration, Map<String, Object> resources) {
        Map<String, Object> properties = SamTemplate.cast(SamTemplate.cast(resources.get(integration)).get("Properties"));
        Object uri = SamTemplate.cast(properties.get("IntegrationUri")).get("Fn::Sub");
        Matcher arn = FUNCTION_ARN.matcher(String.valueOf(uri));
        if (!arn.find()) {
            throw new IllegalArgumentException("Integration " + integration + " must invoke a function of the template (!Sub ...${Function.Arn}...)");
        }
        return arn.group(1);
    }

    private static String ref(Object value) {
        Object ref = SamTemplate.cast(value).get("Ref");
        return ref == null ? null : String.valueOf(ref);
    }
}
