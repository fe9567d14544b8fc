package dev.wfm.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import dev.wfm.local.CloudProcess;
import dev.wfm.local.TableRecords;
import dev.wfm.local.template.FunctionSpec.RouteSpec;
import dev.wfm.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad input ({@link BadInput}) against every route of template.yaml, with a valid
 * admin token, in a local cloud of its own: no request answers 5xx, a refused one (4xx) answers
 * in the error model and changes nothing (not a record of the table, not an execution), checked
 * by comparing the whole of both before and after it; the one exception is the delivery log
 * record of a verified webhook delivery refused for its content ({@link #loggedDelivery}). A fixed seed makes a run repeatable;
 * {@code -Dwfm.fuzz.seed=N} draws other requests and {@code -Dwfm.fuzz.cases=N} sends N per route
 * (default 3).
 */
class GeneratedInputTest {
    private static final long SEED = Long.getLong("wfm.fuzz.seed", 20261201L);
    private static final int CASES_PER_ROUTE = Integer.getInteger("wfm.fuzz.cases", 3);

    @Test
    void noGeneratedRequestAnswers5xxAndARefusedOneWritesNothing(@TempDir Path dataDir) throws Exception {
        List<RouteSpec> routes = new ArrayList<>();
        SamTemplate.load(SamTemplate.locate(Path.of(""))).functions().forEach(function -> routes.addAll(function.routes()));
        try (CloudProcess cloud = CloudProcess.start(dataDir); CloudState state = new CloudState(cloud)) {
            ApiClient api = cloud.api();
            String token = cloud.adminToken();
            Fixture fixture = new Fixture(api, token);
            Random random = new Random(SEED);
            List<RouteSpec> plan = new ArrayList<>();
            for (int i = 0; i < CASES_PER_ROUTE; i++) {
                plan.addAll(routes);
            }
            Collections.shuffle(plan, random);
            BadInput generator = new BadInput(fixture, random);

            List<String> failures = new ArrayList<>();
            Map<String, Integer> statuses = new TreeMap<>();
            CloudState.Snapshot before = state.settled(null);
            for (int n = 0; n < plan.size(); n++) {
                RouteSpec route = plan.get(n);
                BadInput.Case request = generator.next(route);
                ApiClient.Response response;
                try {
                    response = api.send(request.method(), request.path(), token, request.body(), request.headers());
                } catch (IllegalStateException notJson) {
                    failures.add("#" + n + " " + route.routeKey() + " with " + request.spoiled() + ": " + notJson.getMessage());
                    continue;
                }
                statuses.merge(response.status() / 100 + "xx", 1, Integer::sum);
                String seen = "#" + n + " " + route.routeKey() + " with " + request.spoiled() + " answered " + response.status() + " "
                        + excerpt(response.body().toString());
                if (response.status() >= 500) {
                    failures.add(seen);
                } else if (response.status() >= 400) {
                    CloudState.Snapshot after = state.snapshot();
                    Set<String> logged = loggedDelivery(route, response, fixture);
                    Set<String> changed = TableRecords.changed(before.records(), after.records());
                    if (!changed.equals(logged) || !after.executions().equals(before.executions())) {
                        failures.add(seen + "; and wrote " + changed + (logged.isEmpty() ? "" : " (only " + logged + " was expected)")
                                + (after.executions().equals(before.executions()) ? "" : " and changed executions"));
                        before = state.settled(after);
                    } else if (!logged.isEmpty()) {
                        if (before.records().containsKey(logged.iterator().next()) || !listedAsFailed(api, token, fixture, route, response)) {
                            failures.add(seen + "; its delivery is not a new Failed one of the delivery log");
                        }
                        before = after;
                    }
                    if (!code(route, response).isTextual() || !error(route, response).path("message").isTextual()) {
                        failures.add(seen + "; not in the error model");
                    }
                } else {
                    before = state.settled(before);
                }
            }
            System.out.println("Generated requests (seed " + SEED + "): " + plan.size() + ", answered " + statuses);
            assertEquals(List.of(), failures, failures.size() + " of " + plan.size() + " generated requests (seed " + SEED + ") failed");
        }
    }

    /**
     * The one record a refused request may write: a verified delivery to a webhook that is refused
     * for its content (4xx, named in the answer's meta.deliveryId) is kept in the delivery log so an
     * admin can replay it once its cause is fixed (WebhookDelivery). Nothing else, and for no other
     * route or refusal.
     */
    private static Set<String> loggedDelivery(RouteSpec route, ApiClient.Response response, Fixture fixture) {
        String deliveryId = error(route, response).path("meta").path("deliveryId").asText(null);
        if (!Fixture.isWebhook(route) || deliveryId == null) {
            return Set.of();
        }
        return Set.of("ITEM#" + fixture.ids.get("itemId") + " DELIVERY#" + fixture.ids.get("webhookId") + "#" + deliveryId);
    }

    /** Whether the delivery the refusal names is the newest Failed one of its webhook's log, as an admin reads it. */
    private static boolean listedAsFailed(ApiClient api, String token, Fixture fixture, RouteSpec route, ApiClient.Response refusal) {
        JsonNode newest = api.get(fixture.fill("/items/{itemId}/webhooks/{webhookId}/deliveries?status=Failed&limit=1"), token)
                .body().path("deliveries").path(0);
        return newest.path("deliveryId").asText().equals(error(route, refusal).path("meta").path("deliveryId").asText())
                && newest.path("error").path("code").asText().equals(code(route, refusal).asText());
    }

    /** The refusal's error object: the body, or on the ArcGIS-compatible routes that product's {@code error} member. */
    private static JsonNode error(RouteSpec route, ApiClient.Response response) {
        return route.path().startsWith("/{orgId}/") ? response.body().path("error") : response.body();
    }

    /** The refusal's code: ours, or on the ArcGIS-compatible routes its {@code type} (its {@code code} is the status). */
    private static JsonNode code(RouteSpec route, ApiClient.Response response) {
        return error(route, response).path(route.path().startsWith("/{orgId}/") ? "type" : "code");
    }

    private static String excerpt(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
