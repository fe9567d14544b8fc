package dev.wfm.jobs.lifecycle;

import dev.wfm.security.Privilege;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Actor;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobUnitOfWork;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PATCH .../jobs/{jobId}} with a JSON Patch (RFC 6902, applied by java-json-tools'
 * json-patch) and {@code If-Match: <revision>}. The patch is applied to the job's changeable
 * properties as one document:
 * <pre>{jobName, description, priority, jobStatus, assignedType, assignedTo, dueDate, startDate,
 *  extendedProperties: {table: {field: value}}}</pre>
 * Allowed: {@code test} on any of these paths; {@code replace} and {@code add} on the top-level
 * fields and on {@code /extendedProperties/{table}/{field}}; {@code remove} on an extended field
 * (it clears the value). Anything else ({@code move}, {@code copy}, other paths, the whole
 * document) is refused naming the operation. What the patch changes is then made through
 * {@link JobUpdates}, the same checks and history as a PUT, at the revision of If-Match. All or
 * nothing: a failed {@code test} is 409 and changes nothing; a patch that changes no value writes nothing.
 */
public final class JobPatches {
    /** The top-level fields a patch may replace, in the order they are compared. */
    static final List<String> FIELDS = List.of("jobName", "description", "priority", "jobStatus", "assignedType", "assignedTo",
            "dueDate", "startDate");
    private static final Set<String> OPS = Set.of("test", "add", "replace", "remove");
    private static final Pattern EXTENDED = Pattern.compile("/extendedProperties/([^/]+)/([^/]+)");
    private static final Pattern REVISION = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");
    /** A job's property changes are a handful of operations; a long patch is a mistake. */
    static final int MAX_OPERATIONS = 100;

    private final JobUnitOfWork unitOfWork;
    private final JobUpdates updates;

    public JobPatches(JobUnitOfWork unitOfWork, JobUpdates updates) {
        this.unitOfWork = unitOfWork;
        this.updates = updates;
    }

    public Job patch(String itemId, String jobId, Actor actor, String ifMatch, JsonNode patch) {
        actor.require(Privilege.UPDATE_JOBS); // checked before the patch is read; an assignment needs its own (JobUpdates)
        long revision = revision(ifMatch);
        checkOperations(patch);
        Job job = unitOfWork.load(itemId, jobId);
        ObjectNode document = document(job);
        for (JsonNode operation : patch) {
            Matcher extended = EXTENDED.matcher(operation.path("path").asText());
            if (extended.matches() && !document.path("extendedProperties").has(unescape(extended.group(1)))) {
                ((ObjectNode) document.get("extendedProperties")).putObject(unescape(extended.group(1))); // so a first value can be added
            }
        }
        JsonNode patched;
        try {
            patched = JsonPatch.fromJson(patch).apply(document);
        } catch (IOException e) {
            throw Refusal.invalid("The body is not a JSON Patch: " + e.getMessage(), "body");
        } catch (JsonPatchException e) {
            throw failed(e);
        }
        ObjectNode update = changes(document, patched);
        if (update.isEmpty()) {
            return job; // only tests, or values as they are: nothing to write
        }
        update.put("revision", revision);
        return updates.update(itemId, jobId, actor, update);
    }

    /** A revision from If-Match: the number a GET answered as {@code revision}, bare or quoted as an entity tag. */
    private static long revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw Refusal.invalid("A JSON Patch needs If-Match: <revision>, the job's revision it was written against", "If-Match");
        }
        Matcher matched = REVISION.matcher(ifMatch.strip());
        if (!matched.matches()) {
            throw Refusal.invalid("Expected If-Match to be the job's revision, a whole number, but got '" + ifMatch.strip() + "'", "If-Match");
        }
        return Long.parseLong(matched.group(1));
    }

    /** Every operation is one this route allows, refused naming its place otherwise. */
    private static void checkOperations(JsonNode patch) {
        if (patch == null || !patch.isArray() || patch.isEmpty()) {
            throw Refusal.invalid("A JSON Patch is an array of one or more operations", "body");
        }
        if (patch.size() > MAX_OPERATIONS) {
            throw Refusal.invalid("A JSON Patch of a job has at most " + MAX_OPERATIONS + " operations", "body");
        }
        for (int i = 0; i < patch.size(); i++) {
            JsonNode operation = patch.get(i);
            String at = "[" + i + "]";
            if (!operation.isObject()) {
                throw Refusal.invalid("Operation " + at + " must be an object {op, path, value?}", at);
            }
            String op = operation.path("op").asText("");
            if (!OPS.contains(op)) {
                throw Refusal.invalid("Operation " + at + " is '" + op + "'; a job takes test, add, replace and remove", at + ".op");
            }
            for (Iterator<String> names = operation.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!Set.of("op", "path", "value").contains(name)) {
                    throw Refusal.invalid("Operation " + at + " has a member '" + name + "' this route does not take", at + "." + name);
                }
            }
            String path = operation.path("path").asText("");
            boolean field = FIELDS.stream().anyMatch(name -> path.equals("/" + name));
            boolean extendedField = EXTENDED.matcher(path).matches();
            boolean allowed = op.equals("test") ? field || extendedField || path.startsWith("/extendedProperties")
                    : op.equals("remove") ? extendedField : field || extendedField;
            if (!allowed) {
                throw Refusal.invalid("Operation " + at + " may not " + op + " '" + path + "'; a job's patch may replace /" + String.join(", /", FIELDS)
                        + " and add, replace or remove /extendedProperties/{table}/{field}", at + ".path");
            }
            if (!op.equals("remove") && !operation.has("value")) {
                throw Refusal.invalid("Operation " + at + " (" + op + ") needs a value", at + ".value");
            }
        }
    }

    /** The job's changeable properties as the document the patch applies to. */
    private static ObjectNode document(Job job) {
        ObjectNode document = Json.object()
                .put("jobName", job.jobName())
                .put("description", job.description())
                .put("priority", job.priority())
                .put("jobStatus", job.jobStatus())
                .put("assignedType", job.assignedType())
                .put("assignedTo", job.assignedTo())
                .put("dueDate", job.dueDate())
                .put("startDate", job.startDate());
        document.set("extendedProperties", job.extendedProperties());
        return document;
    }

    /** What the patched document changes, as a PUT body: the fields that differ; an assignment whole; extended values as {"table.field": value}. */
    private static ObjectNode changes(ObjectNode before, JsonNode after) {
        ObjectNode update = Json.object();
        for (String field : FIELDS) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                if (after.path(field).isNull() || after.path(field).isMissingNode()) {
                    throw Refusal.invalid("A patch gives " + field + " a value; it cannot clear it", field);
                }
                update.set(field, after.get(field));
            }
        }
        if (update.has("assignedType") || update.has("assignedTo")) {
            update.set("assignedType", after.get("assignedType"));
            update.set("assignedTo", after.get("assignedTo"));
        }
        ObjectNode extended = Json.object();
        JsonNode was = before.path("extendedProperties");
        JsonNode is = after.path("extendedProperties");
        for (Iterator<Map.Entry<String, JsonNode>> tables = is.fields(); tables.hasNext(); ) {
            Map.Entry<String, JsonNode> table = tables.next();
            table.getValue().fields().forEachRemaining(value -> {
                if (!value.getValue().equals(was.path(table.getKey()).path(value.getKey()))) {
                    extended.set(table.getKey() + "." + value.getKey(), value.getValue());
                }
            });
        }
        for (Iterator<Map.Entry<String, JsonNode>> tables = was.fields(); tables.hasNext(); ) {
            Map.Entry<String, JsonNode> table = tables.next();
            table.getValue().fieldNames().forEachRemaining(field -> {
                if (!is.path(table.getKey()).has(field)) {
                    extended.putNull(table.getKey() + "." + field);
                }
            });
        }
        if (!extended.isEmpty()) {
            update.set("extendedProperties", extended);
        }
        return update;
    }

    /** A patch that could not be applied: a failed test is the job having moved on (409); anything else is the patch's fault. */
    private static Refusal failed(JsonPatchException e) {
        String message = e.getMessage() == null ? "the patch does not apply" : e.getMessage();
        if (message.contains("value differs from expectations")) {
            return Refusal.conflict("A test of the patch failed: " + message + "; read the job again", "body");
        }
        return Refusal.invalid("The patch does not apply to the job: " + message, "body");
    }

    /** A JSON Pointer token as the name it stands for (RFC 6901: ~1 is '/', ~0 is '~'). */
    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
