package dev.wfm.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfm.local.template.FunctionSpec;
import dev.wfm.local.template.SamTemplate;
import java.nio.file.Path;
import dev.wfm.local.template.FunctionSpec.RouteSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable table = new RouteTable(List.of(
            function("Jobs", new RouteSpec("GET", "/items/{itemId}/jobs/{jobId}", true),
                    new RouteSpec("POST", "/items/{itemId}/jobs/search", true),
                    new RouteSpec("POST", "/items/{itemId}/jobs/{jobId}/action", true)),
            function("Files", new RouteSpec("GET", "/files/{proxy+}", true))));

    @Test
    void literalSegmentsBeatParameters() {
        assertEquals("POST /items/{itemId}/jobs/search", table.match("POST", "/items/i1/jobs/search").orElseThrow().route().routeKey());
        var match = table.match("GET", "/items/i1/jobs/search").orElseThrow();
        assertEquals(Map.of("itemId", "i1", "jobId", "search"), match.pathParameters());
    }

    @Test
    void methodAndSegmentCountMustMatch() {
        assertTrue(table.match("DELETE", "/items/i1/jobs/j1").isEmpty());
        assertTrue(table.match("GET", "/items/i1/jobs").isEmpty());
        assertTrue(table.match("GET", "/items/i1/jobs/j1/extra").isEmpty());
    }

    @Test
    void aGreedyParameterTakesTheRestOfThePath() {
        assertEquals(Map.of("proxy", "a/b/c.txt"), table.match("GET", "/files/a/b/c.txt").orElseThrow().pathParameters());
    }

    /** The ArcGIS-compatible routes' /{orgId}/{itemId}/... never take a request of our own /items/{itemId}/... from its function. */
    @Test
    void theTemplatesOwnRoutesBeatTheArcGisRoutesOfTheSameShape() throws Exception {
        RouteTable deployed = new RouteTable(SamTemplate.load(SamTemplate.locate(Path.of(""))).functions());
        assertEquals("JobApiFunction", deployed.match("GET", "/items/i1/jobs/j1").orElseThrow().function().logicalId());
        assertEquals("StepActionsFunction", deployed.match("POST", "/items/i1/jobs/j1/action").orElseThrow().function().logicalId());
        assertEquals("SearchFunction", deployed.match("POST", "/items/i1/jobs/search").orElseThrow().function().logicalId());
        assertEquals("ConfigApiFunction", deployed.match("GET", "/items/i1/diagrams/d1/versions").orElseThrow().function().logicalId());
        var arcgis = deployed.match("GET", "/workflow/i1/jobs/j1").orElseThrow();
        assertEquals("ArcGisApiFunction", arcgis.function().logicalId());
        assertEquals(Map.of("orgId", "workflow", "itemId", "i1", "jobId", "j1"), arcgis.pathParameters());
        assertEquals("POST /{orgId}/{itemId}/jobs/search", deployed.match("POST", "/workflow/i1/jobs/search").orElseThrow().route().routeKey());
        assertEquals("GET /{orgId}/{itemId}/diagrams/{diagramId}/{diagramVersion}",
                deployed.match("GET", "/workflow/i1/diagrams/d1/-1").orElseThrow().route().routeKey());
    }

    private static FunctionSpec function(String id, RouteSpec... routes) {
        return new FunctionSpec(id, "x::handleRequest", FunctionSpec.DEFAULT_TIMEOUT_SECONDS, Map.of(), List.of(routes), List.of());
    }
}
