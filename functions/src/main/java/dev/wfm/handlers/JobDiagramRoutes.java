package dev.wfm.handlers;

import dev.wfm.config.PublishedDiagram;
import dev.wfm.diagrams.layout.DiagramSvg;
import dev.wfm.diagrams.layout.Layouts;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.diagram.JobDiagram;
import dev.wfm.jobs.diagram.JobDiagramSvg;
import dev.wfm.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A job on its diagram, for everyone with a role in the item: as JSON (steps with their state and
 * layout, paths with whether the job took them) and as the SVG drawing of the same layout.
 */
public final class JobDiagramRoutes {
    private final ItemService items;
    private final JobStore jobs;
    private final DiagramCatalog catalog;
    private final Layouts layouts;

    public JobDiagramRoutes(ItemService items, JobStore jobs, DiagramCatalog catalog, Layouts layouts) {
        this.items = items;
        this.jobs = jobs;
        this.catalog = catalog;
        this.layouts = layouts;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "GET /items/{itemId}/jobs/{jobId}/diagram", request -> ApiResponse.ok(diagram(request).json()),
                "GET /items/{itemId}/jobs/{jobId}/diagram.svg", request -> ApiResponse.ok(new ApiResponse.Binary(
                        JobDiagramSvg.render(diagram(request)).getBytes(StandardCharsets.UTF_8), DiagramSvg.CONTENT_TYPE, null)));
    }

    /** The job on the version of its diagram it walks, laid out once per version. */
    private JobDiagram diagram(ApiRequest request) {
        String itemId = request.pathParameter("itemId");
        items.require(request.identity(), itemId, Role.ANY);
        Job job = jobs.load(itemId, request.pathParameter("jobId"));
        PublishedDiagram version = catalog.of(job);
        return JobDiagram.of(job, version, layouts.of(itemId, version), jobs.history(itemId, job.jobId()));
    }
}
