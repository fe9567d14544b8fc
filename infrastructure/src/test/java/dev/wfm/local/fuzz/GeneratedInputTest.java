package dev.wfm.local.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad input ({@link BadInput}) against every route of template.yaml, with a valid
 * admin token, in a local cloud of its own: no request answers 5xx, a refused one (4xx) answers
 * in the error model and changes nothing (not a record of the table, not an execution), checked
 * by comparing the whole of both before and after it. A fixed seed makes a run repeatable;
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
                    if (!after.equals(before)) {
                        failures.add(seen + "; and wrote " + TableRecords.changed(before.records(), after.records())
                                + (after.executions().equals(before.executions()) ? "" : " and changed executions"));
                        before = state.settled(after);
                    }
                    if (!response.body().path("code").isTextual() || !response.body().path("message").isTextual()) {
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

    private static String excerpt(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
