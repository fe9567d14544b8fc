package dev.wfm.attachments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.http.ApiException;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.items.WorkflowItem;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.security.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The attachment routes. Everyone with a role in the item reads a job's attachments; managers,
 * admins and whoever may work on one of the job's current steps add, relabel and delete them.
 * {@code POST .../attachments?name=report.pdf} with the file as the body stores a file (its
 * Content-Type kept); without {@code name}, the JSON body {@code {url, name?, alias?, folder?}}
 * adds a link. Larger files go straight to S3: {@code POST .../attachments/uploads} answers a
 * pre-signed PUT URL, and {@code POST .../attachments/{attachmentId}/complete} makes the file available.
 */
public final class AttachmentRoutes {
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
    private static final String BASE = "/items/{itemId}/jobs/{jobId}/attachments";

    private final ItemService items;
    private final JobStore jobs;
    private final Attachments attachments;

    public AttachmentRoutes(ItemService items, JobStore jobs, Attachments attachments) {
        this.items = items;
        this.jobs = jobs;
        this.attachments = attachments;
    }

    public Map<String, Route> routes() {
        return Map.ofEntries(
                Map.entry("POST " + BASE, this::add),
                Map.entry("POST " + BASE + "/uploads", this::startUpload),
                Map.entry("POST " + BASE + "/{attachmentId}/complete", this::completeUpload),
                Map.entry("GET " + BASE, this::list),
                Map.entry("GET " + BASE + "/{attachmentId}", this::get),
                Map.entry("PUT " + BASE + "/{attachmentId}", this::relabel),
                Map.entry("DELETE " + BASE + "/{attachmentId}", this::delete),
                Map.entry("GET " + BASE + "/{attachmentId}/content", this::content),
                Map.entry("GET " + BASE + "/{attachmentId}/url", this::url));
    }

    private ApiResponse add(ApiRequest request) {
        Actor actor = writer(request);
        String itemId = request.pathParameter("itemId");
        String jobId = request.pathParameter("jobId");
        Attachment added = request.queryParameter("name").isPresent()
                ? attachments.addFile(itemId, jobId, actor.user(), request.queryParameter("name").get(),
                        request.header("Content-Type").orElse(null), request.rawBody(),
                        request.queryParameter("alias").orElse(null), request.queryParameter("folder").orElse(null))
                : attachments.addLink(itemId, jobId, actor.user(), request.jsonBody());
        return ApiResponse.created(attachments.view(itemId, added));
    }

    private ApiResponse startUpload(ApiRequest request) {
        Actor actor = writer(request);
        String itemId = request.pathParameter("itemId");
        Attachments.Upload upload = attachments.startUpload(itemId, request.pathParameter("jobId"), actor.user(), request.jsonBody());
        ObjectNode answer = attachments.view(itemId, upload.attachment());
        answer.put("uploadUrl", upload.uploadUrl()).put("uploadMethod", "PUT").put("expires", upload.expires());
        upload.headers().forEach(answer.putObject("uploadHeaders")::put);
        return ApiResponse.created(answer);
    }

    private ApiResponse completeUpload(ApiRequest request) {
        writer(request);
        String itemId = request.pathParameter("itemId");
        return ApiResponse.ok(attachments.view(itemId,
                attachments.completeUpload(itemId, request.pathParameter("jobId"), request.pathParameter("attachmentId"))));
    }

    private ApiResponse list(ApiRequest request) {
        reader(request);
        String itemId = request.pathParameter("itemId");
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("attachments");
        attachments.list(itemId, request.pathParameter("jobId")).forEach(attachment -> list.add(Json.MAPPER.valueToTree(attachment)));
        return ApiResponse.ok(answer);
    }

    private ApiResponse get(ApiRequest request) {
        reader(request);
        String itemId = request.pathParameter("itemId");
        return ApiResponse.ok(attachments.view(itemId,
                attachments.get(itemId, request.pathParameter("jobId"), request.pathParameter("attachmentId"))));
    }

    private ApiResponse relabel(ApiRequest request) {
        writer(request);
        String itemId = request.pathParameter("itemId");
        Attachment relabelled = attachments.relabel(itemId, request.pathParameter("jobId"), request.pathParameter("attachmentId"),
                request.jsonBody());
        return ApiResponse.ok(attachments.view(itemId, relabelled));
    }

    private ApiResponse delete(ApiRequest request) {
        writer(request);
        attachments.delete(request.pathParameter("itemId"), request.pathParameter("jobId"), request.pathParameter("attachmentId"));
        return new ApiResponse(204, null);
    }

    /** The bytes; a file too large for a Lambda answer is a redirect to its pre-signed URL. */
    private ApiResponse content(ApiRequest request) {
        reader(request);
        Attachment attachment = attachments.get(request.pathParameter("itemId"), request.pathParameter("jobId"),
                request.pathParameter("attachmentId"));
        if (attachment.isFile() && attachment.size() > Attachments.MAX_FILE_BYTES) {
            return ApiResponse.redirect(attachments.url(request.pathParameter("itemId"), request.pathParameter("jobId"),
                    request.pathParameter("attachmentId")).url());
        }
        Attachments.Content content = attachments.content(request.pathParameter("itemId"), request.pathParameter("jobId"),
                request.pathParameter("attachmentId"));
        return ApiResponse.ok(new ApiResponse.Binary(content.bytes(), content.attachment().contentType(), content.attachment().name()));
    }

    private ApiResponse url(ApiRequest request) {
        reader(request);
        Attachments.Download download = attachments.url(request.pathParameter("itemId"), request.pathParameter("jobId"),
                request.pathParameter("attachmentId"));
        return ApiResponse.ok(Json.MAPPER.valueToTree(download));
    }

    /** Anyone with a role in the item, once the job exists. */
    private Job reader(ApiRequest request) {
        items.require(request.identity(), request.pathParameter("itemId"), ANY_ROLE);
        return job(request);
    }

    private Actor writer(ApiRequest request) {
        WorkflowItem item = items.require(request.identity(), request.pathParameter("itemId"), ANY_ROLE);
        Actor actor = new Actor(request.identity().user(), request.identity().groups(), item.rolesOf(request.identity()));
        Job job = job(request);
        if (!actor.manages() && job.currentSteps().stream().noneMatch(actor::mayWorkOn)) {
            throw ApiException.denied("Changing a job's attachments needs the manager or admin role, or a current step of the job you may work on");
        }
        return actor;
    }

    private Job job(ApiRequest request) {
        String jobId = request.pathParameter("jobId");
        return jobs.find(request.pathParameter("itemId"), jobId)
                .orElseThrow(() -> ApiException.notFound("Job '" + jobId + "' was not found", "jobId"));
    }
}
