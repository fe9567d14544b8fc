package dev.wfm.local.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.local.ApiClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET .../jobs/{jobId}/diagram and diagram.svg for a job walked along the api.md example. */
class JobDiagramTest {
    private final JobsDriver driver = new JobsDriver();
    private NotifyServer notify;
    private String templateId;

    @BeforeEach
    void diagramAndTemplate() throws Exception {
        notify = new NotifyServer();
        templateId = driver.template(driver.diagram(JobsDriver.exampleDiagram(notify.url())), "");
    }

    @AfterEach
    void stopServer() {
        notify.close();
    }

    @Test
    void aWalkedJobsDiagramMarksTheStepsItFinishedAndThePathsItTookAndHighlightsTheCurrentStep() {
        String jobId = driver.job(templateId);
        driver.walkToEdit(jobId);

        ApiClient.Response answer = driver.api.get(driver.path("/jobs/" + jobId + "/diagram"), driver.cloud.token("wendy", List.of("workers")));
        assertEquals(200, answer.status(), answer.body().toString());
        JsonNode diagram = answer.body();
        assertEquals(driver.get(jobId).path("diagramVersion").asInt(), diagram.path("diagramVersion").asInt());
        assertEquals("finished", step(diagram, "define").path("state").asText());
        assertEquals("finished", step(diagram, "review").path("state").asText());
        assertEquals("current", step(diagram, "edit").path("state").asText());
        assertEquals("Ready", step(diagram, "edit").path("status").asText());
        assertEquals("notVisited", step(diagram, "qa").path("state").asText());
        assertTrue(path(diagram, "review", "edit").path("taken").asBoolean());
        assertFalse(path(diagram, "review", "done").path("taken").asBoolean());
        assertTrue(path(diagram, "review", "done").path("points").size() >= 2);

        HttpResponse<byte[]> svg = driver.api.raw("GET", driver.path("/jobs/" + jobId + "/diagram.svg"), driver.admin, null, null);
        assertEquals(200, svg.statusCode());
        assertTrue(svg.headers().firstValue("content-type").orElse("").startsWith("image/svg+xml"), svg.headers().toString());
        String drawing = new String(svg.body(), StandardCharsets.UTF_8);
        assertTrue(drawing.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), drawing);
        assertTrue(drawing.contains("<g data-step-id=\"edit\" class=\"step current ready\""), drawing);
        assertTrue(drawing.contains("<g data-step-id=\"define\" class=\"step finished\""), drawing);
        assertTrue(drawing.contains("<g class=\"path taken\" data-from=\"review\" data-to=\"edit\">"), drawing);

        driver.finishOk(jobId, "edit", null);
        driver.awaitCurrent(jobId, "qa");
        String moved = new String(driver.api.raw("GET", driver.path("/jobs/" + jobId + "/diagram.svg"), driver.admin, null, null).body(),
                StandardCharsets.UTF_8);
        assertTrue(moved.contains("<g data-step-id=\"qa\" class=\"step current ready\""), moved);
        assertTrue(moved.contains("<g data-step-id=\"edit\" class=\"step finished\""), moved);
    }

    @Test
    void anOutsiderSeesNoDiagramAndAnUnknownJobHasNone() {
        String jobId = driver.job(templateId);
        driver.awaitCurrent(jobId, "define");
        String outsider = driver.cloud.token("otto", List.of("outsiders"));

        assertEquals(404, driver.api.get(driver.path("/jobs/" + jobId + "/diagram"), outsider).status());
        assertEquals(404, driver.api.raw("GET", driver.path("/jobs/" + jobId + "/diagram.svg"), outsider, null, null).statusCode());
        assertEquals(404, driver.api.get(driver.path("/jobs/nosuchjob/diagram"), driver.admin).status());
    }

    private static JsonNode step(JsonNode diagram, String stepId) {
        for (JsonNode step : diagram.path("steps")) {
            if (step.path("stepId").asText().equals(stepId)) {
                return step;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + diagram);
    }

    private static JsonNode path(JsonNode diagram, String from, String to) {
        for (JsonNode path : diagram.path("paths")) {
            if (path.path("from").asText().equals(from) && path.path("to").asText().equals(to)) {
                return path;
            }
        }
        throw new AssertionError("no path " + from + " -> " + to + " in " + diagram);
    }
}
