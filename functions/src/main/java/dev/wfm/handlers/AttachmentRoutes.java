package dev.wfm.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.attachments.Attachment;
import dev.wfm.attachments.Attachments;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.ItemService;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.security.Role;
import java.util.List;
import java.util.Map;

/**
 * The attachment routes. Everyone with a role in the item reads a job's attachments; managers,
 * admins and whoever may work on one of the job's current steps add, relabel and delete them.
 * {@code POST .../attachments?name=report.pdf} with the file as the body stores a file (its
 * Content-Type kept); without {@code name}, the JSON body {@code {url, name?, alias?, folder?}}
 * adds a link. Larger files go straight to S3: {@code POST .../attachments/uploads} answers a
 * pre-signed PUT URL, and {@code POST .../attachments/{attachmentId}/complete} makes the file available.
 */
public final class AttachmentRoutes {
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

    /** The job (and attachment, when the path names one) a request is about, once it is allowed. */
    private record Target(String itemId, String jobId, String attachmentId, Actor actor) {}

    private ApiResponse add(ApiRequest request) {
        Target target = writer(request);
        Attachments.Stored added = request.queryParameter("name").isPresent()
                ? attachments.addFile(target.itemId(), target.jobId(), target.actor().user(), request.queryParameter("name").get(),
                        request.header("Content-Type").orElse(null), request.rawBody(),
                        request.queryParameter("alias").orElse(null), request.queryParameter("folder").orElse(null))
                : attachments.addLink(target.itemId(), target.jobId(), target.actor().user(), request.jsonBody());
        return ApiResponse.created(added.view());
    }

    private ApiResponse startUpload(ApiRequest request) {
        Target target = writer(request);
        Attachments.Upload upload = attachments.startUpload(target.itemId(), target.jobId(), target.actor().user(), request.jsonBody());
        ObjectNode answer = upload.stored().view();
        answer.put("uploadUrl", upload.uploadUrl()).put("uploadMethod", "PUT").put("expires", upload.expires());
        upload.headers().forEach(answer.putObject("uploadHeaders")::put);
        return ApiResponse.created(answer);
    }

    private ApiResponse completeUpload(ApiRequest request) {
        Target target = writer(request);
        return ApiResponse.ok(attachments.completeUpload(target.itemId(), target.jobId(), target.attachmentId(), target.actor().user()).view());
    }

    private ApiResponse list(ApiRequest request) {
        Target target = reader(request);
        List<JsonNode> listed = attachments.list(target.itemId(), target.jobId()).stream()
                .<JsonNode>map(attachment -> Json.MAPPER.valueToTree(attachment)).toList();
        return ApiResponse.ok(Paging.listed(request, "attachments", listed, a -> a.path("attachmentId").asText()));
    }

    private ApiResponse get(ApiRequest request) {
        Target target = reader(request);
        return ApiResponse.ok(attachments.get(target.itemId(), target.jobId(), target.attachmentId()).view());
    }

    private ApiResponse relabel(ApiRequest request) {
        Target target = writer(request);
        return ApiResponse.ok(attachments.relabel(target.itemId(), target.jobId(), target.attachmentId(), request.jsonBody()).view());
    }

    private ApiResponse delete(ApiRequest request) {
        Target target = writer(request);
        attachments.delete(target.itemId(), target.jobId(), target.attachmentId(), target.actor().user());
        return ApiResponse.noContent();
    }

    /** The bytes; a file too large for a Lambda answer is a redirect to its pre-signed URL. */
    private ApiResponse content(ApiRequest request) {
        Target target = reader(request);
        Attachment attachment = attachments.available(target.itemId(), target.jobId(), target.attachmentId());
        if (attachment.isFile() && attachment.size() > Attachments.MAX_FILE_BYTES) {
            return ApiResponse.redirect(attachments.url(target.itemId(), attachment).url());
        }
        Attachments.Content content = attachments.content(target.itemId(), attachment);
        return ApiResponse.ok(new ApiResponse.Binary(content.bytes(), attachment.contentType(), attachment.name()));
    }

    private ApiResponse url(ApiRequest request) {
        Target target = reader(request);
        Attachment attachment = attachments.available(target.itemId(), target.jobId(), target.attachmentId());
        return ApiResponse.ok(Json.MAPPER.valueToTree(attachments.url(target.itemId(), attachment)));
    }

    /** Anyone with a role in the item, once the job exists. */
    private Target reader(ApiRequest request) {
        Actor actor = items.require(request.identity(), request.pathParameter("itemId"), Role.ANY).actor(request.identity());
        return target(request, actor, jobs.load(request.pathParameter("itemId"), request.pathParameter("jobId")));
    }

    private Target writer(ApiRequest request) {
        Actor actor = items.require(request.identity(), request.pathParameter("itemId"), Role.ANY).actor(request.identity());
        Job job = jobs.load(request.pathParameter("itemId"), request.pathParameter("jobId"));
        if (!actor.manages() && job.currentSteps().stream().noneMatch(actor::mayWorkOn)) {
            throw Refusal.denied("Changing a job's attachments needs the manager or admin role, or a current step of the job you may work on");
        }
        return target(request, actor, job);
    }

    private static Target target(ApiRequest request, Actor actor, Job job) {
        return new Target(job.itemId(), job.jobId(), request.pathParameters().get("attachmentId"), actor);
    }
}
