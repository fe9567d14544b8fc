package dev.wfm.jobs.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.DiagramJson;
import dev.wfm.diagrams.layout.ElkLayout;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobsInMemory;
import dev.wfm.jobs.events.HistoryEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A job on its diagram: states from where it is and its history, paths taken, and the SVG drawn of it. */
class JobDiagramTest {
    private final JobsInMemory domain = new JobsInMemory();

    @Test
    void aJobAtEditHasFinishedDefineAndReviewAndTookThePathsBetweenThem() {
        Job job = domain.job("edit");

        JobDiagram diagram = diagram(job, history("define", "review:yes", "edit"));

        assertEquals(Map.of("define", "finished", "review", "finished", "edit", "current:Ready", "qa", "notVisited", "done", "notVisited"),
                states(diagram, "define", "review", "edit", "qa", "done"));
        assertEquals(List.of("define->review", "review->edit"), taken(diagram));
    }

    @Test
    void aLoopBackIsTakenOnceTheStepItLeadsToIsReachedAgainAndAForkTakesBothBranches() {
        Job job = domain.job("notify", "archive");

        JobDiagram diagram = diagram(job, history("define", "review:yes", "edit", "qa:fail", "edit", "qa:pass", "publish", "notify", "archive"));

        assertEquals(List.of("define->review", "edit->qa", "publish->archive", "publish->notify", "qa->edit", "qa->publish", "review->edit"),
                taken(diagram));
    }

    @Test
    void aJumpBySetCurrentStepIsNoPathTaken() {
        Job job = domain.job("archive");
        List<HistoryEntry> history = new ArrayList<>(history("define", "review:yes"));
        history.add(entry("CurrentStepSet", "archive"));

        JobDiagram diagram = diagram(job, history);

        assertEquals(List.of("define->review"), taken(diagram), "review's paths lead elsewhere; archive was jumped to");
        assertEquals("notVisited", states(diagram, "edit").get("edit"));
    }

    @Test
    void theJsonAnswerHasEachStepsStateStatusAndBoxAndEachPathsPoints() {
        Job job = domain.job("edit");

        JsonNode json = diagram(job, history("define", "review:yes", "edit")).json();

        assertEquals("permits", json.path("diagramId").asText());
        assertEquals(1, json.path("diagramVersion").asInt());
        JsonNode edit = json.path("steps").path(2);
        assertEquals(List.of("edit", "Edit data", "manual", "current", "Ready"), List.of(edit.path("stepId").asText(),
                edit.path("name").asText(), edit.path("type").asText(), edit.path("state").asText(), edit.path("status").asText()));
        assertTrue(edit.path("width").asDouble() > 0 && edit.path("height").asDouble() > 0 && edit.has("x") && edit.has("y"));
        assertFalse(json.path("steps").path(0).has("status"), "only a current step has a status");
        JsonNode yes = json.path("paths").path(1);
        assertEquals(List.of("review", "edit", "yes", "true"), List.of(yes.path("from").asText(), yes.path("to").asText(),
                yes.path("label").asText(), yes.path("taken").asText()));
        assertTrue(yes.path("points").size() >= 2 && yes.path("points").path(0).size() == 2, yes.toString());
        assertTrue(json.path("width").asDouble() > 0 && json.path("height").asDouble() > 0);
    }

    @Test
    void theSvgMarksTheCurrentStepByItsStatusAndTheFinishedOnesAndDrawsTakenPaths() throws Exception {
        Job job = domain.job(j -> j.with(b -> b.replaceStep(j.currentStep("edit").orElseThrow().held())), "edit");

        String svg = JobDiagramSvg.render(diagram(job, history("define", "review:yes", "edit")));

        assertTrue(svg.contains("<g data-step-id=\"edit\" class=\"step current held\""), svg);
        assertTrue(svg.contains("<g data-step-id=\"define\" class=\"step finished\""), svg);
        assertTrue(svg.contains("<g data-step-id=\"qa\" class=\"step notVisited\""), svg);
        Document document = parse(svg);
        assertEquals(10, count(document, "g", "step"));
        assertEquals(2, count(document, "g", "taken"));
        assertEquals(0, document.getElementsByTagName("script").getLength());
    }

    @Test
    void everyTextOfTheDiagramIsEscapedSoItCannotAddMarkup() throws Exception {
        String hostile = "<script>alert('x')</script> & \"co\"";
        PublishedDiagram version = version(JobsInMemory.json("/jobs/permits.json").toString()
                .replace("\"Edit data\"", quoted(hostile)).replace("\"Done\"", quoted("Done\u0007 <b>")));
        Job job = domain.job("edit");

        String svg = JobDiagramSvg.render(JobDiagram.of(job, version, ElkLayout.of(version.diagram()), List.of()));

        assertFalse(svg.contains("<script") || svg.contains("<b>") || svg.contains("\u0007"), svg);
        assertTrue(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"), svg);
        Document document = parse(svg);
        assertEquals(0, document.getElementsByTagName("script").getLength());
        assertEquals(0, document.getElementsByTagName("b").getLength());
    }

    private JobDiagram diagram(Job job, List<HistoryEntry> history) {
        PublishedDiagram version = domain.catalog.of(job);
        return JobDiagram.of(job, version, ElkLayout.of(version.diagram()), history);
    }

    /** A history that visits these steps in order, each finished ({@code step:returnCode}) but the last, which became current. */
    private static List<HistoryEntry> history(String... visits) {
        List<HistoryEntry> history = new ArrayList<>();
        history.add(entry("JobCreated", null));
        for (int i = 0; i < visits.length; i++) {
            String stepId = visits[i].split(":")[0];
            history.add(entry("StepBecameCurrent", stepId));
            if (i < visits.length - 1) {
                history.add(entry("StepFinished", stepId));
            }
        }
        return history;
    }

    private static HistoryEntry entry(String action, String stepId) {
        return new HistoryEntry(action, stepId, "amy", "2026-03-02T09:00:00Z", null, null);
    }

    private static Map<String, String> states(JobDiagram diagram, String... stepIds) {
        Map<String, String> states = new TreeMap<>();
        for (JobDiagram.StepView step : diagram.steps()) {
            if (List.of(stepIds).contains(step.stepId())) {
                states.put(step.stepId(), step.state().name() + (step.status() == null ? "" : ":" + step.status()));
            }
        }
        return states;
    }

    private static List<String> taken(JobDiagram diagram) {
        return diagram.paths().stream().filter(JobDiagram.PathView::taken).map(path -> path.from() + "->" + path.to()).sorted().toList();
    }

    private PublishedDiagram version(String json) {
        return new PublishedDiagram("permits", 1, DiagramJson.read(JobsInMemory.json(json)).diagram(), "arn");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0007", "\\u0007") + "\"";
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Document document, String tag, String className) {
        NodeList nodes = document.getElementsByTagName(tag);
        int count = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (List.of(((Element) nodes.item(i)).getAttribute("class").split(" ")).contains(className)) {
                count++;
            }
        }
        return count;
    }
}
