package dev.wfm.attachments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Ids;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.http.ContentDisposition;
import dev.wfm.jobs.JobCleanup;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.commands.RecordAttachmentChange;
import dev.wfm.store.DocumentStore;
import dev.wfm.store.Keys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A job's attachments: metadata as documents under the job ({@code JOB#{jobId}#ATT#{attachmentId}},
 * so they go with the job's records), file bytes through {@link AttachmentFiles}. A file's bytes are
 * stored before its record, and its record deleted before its bytes, so a record never points at
 * nothing. Files sent through the API are limited to {@link #MAX_FILE_BYTES}: Lambda takes 6 MB a
 * request, and a binary body arrives base64-encoded (4/3 larger). Larger files, up to
 * {@link #MAX_UPLOAD_BYTES}, go straight to S3 with a pre-signed PUT ({@link #startUpload}), and
 * become available once the upload is completed ({@link #completeUpload}).
 */
public final class Attachments implements JobCleanup {
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    public static final long MAX_UPLOAD_BYTES = 1L << 30;
    public static final Duration URL_VALIDITY = Duration.ofMinutes(15);
    /** An upload still not completed this long after it started is dropped (its URL expired long before). */
    public static final Duration ABANDONED_AFTER = URL_VALIDITY.plusHours(1);
    static final int MAX_PER_JOB = 500;
    private static final int MAX_NAME = 255;
    private static final int MAX_LABEL = 255;
    private static final int MAX_URL = 2048;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,127}");
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final DocumentStore documents;
    private final AttachmentFiles files;
    private final JobUnitOfWork history;
    private final Clock clock;

    /** {@code history} records each attachment added or removed as an event of its job. */
    public Attachments(DocumentStore documents, AttachmentFiles files, JobUnitOfWork history, Clock clock) {
        this.documents = documents;
        this.files = files;
        this.history = history;
        this.clock = clock;
    }

    /** An attachment as stored, at its revision (what a relabel must name). */
    public record Stored(Attachment attachment, long revision) {
        /** The attachment's JSON view, with the revision. */
        public ObjectNode view() {
            ObjectNode view = Json.MAPPER.valueToTree(attachment);
            return view.put("revision", revision);
        }
    }

    /** The bytes of a stored file and its record, for download. */
    public record Content(Attachment attachment, byte[] bytes) {}

    /** Where to fetch an attachment, and until when the address works (null: a link, it does not expire). */
    public record Download(String url, String expires) {}

    /** A started upload: the attachment (uploading) and where and how to PUT its bytes. */
    public record Upload(Stored stored, String uploadUrl, Map<String, String> headers, String expires) {}

    public Stored addFile(String itemId, String jobId, String user, String name, String contentType, byte[] content,
                              String alias, String folder) {
        String checkedName = fileName(name);
        String checkedAlias = label(alias, "alias");
        String checkedFolder = label(folder, "folder");
        if (content == null || content.length == 0) {
            throw Refusal.invalid("The request body is the file's content, and it is empty", "body");
        }
        requireRoom(itemId, jobId);
        String now = clock.instant().toString();
        String attachmentId = Ids.newId(clock.instant());
        String type = mediaType(contentType);
        files.put(itemId, jobId, attachmentId, content, type);
        Attachment attachment = new Attachment(attachmentId, jobId, Attachment.FILE, checkedName, checkedAlias, checkedFolder,
                type, (long) content.length, null, user, now, now, Attachment.AVAILABLE);
        documents.create(itemId, Keys.jobAttachments(jobId), attachmentId, Json.MAPPER.valueToTree(attachment));
        recordChange(itemId, attachment, user, true);
        return new Stored(attachment, 1);
    }

    /** A linked attachment: {@code {url, name?, alias?, folder?}}; only http and https URLs. */
    public Stored addLink(String itemId, String jobId, String user, JsonNode body) {
        JsonFields.refuseUnknown(body, "", "url", "name", "alias", "folder");
        String url = link(JsonFields.requiredString(body, "url", MAX_URL));
        String name = JsonFields.optionalString(body, "name", MAX_NAME);
        String alias = label(JsonFields.optionalString(body, "alias", MAX_LABEL), "alias");
        String folder = label(JsonFields.optionalString(body, "folder", MAX_LABEL), "folder");
        requireRoom(itemId, jobId);
        String now = clock.instant().toString();
        Attachment attachment = new Attachment(Ids.newId(clock.instant()), jobId, Attachment.LINK, name == null ? null : fileName(name),
                alias, folder, null, null, url, user, now, now, Attachment.AVAILABLE);
        documents.create(itemId, Keys.jobAttachments(jobId), attachment.attachmentId(), Json.MAPPER.valueToTree(attachment));
        recordChange(itemId, attachment, user, true);
        return new Stored(attachment, 1);
    }

    /**
     * Starts an upload of {@code {name, size, contentType?, alias?, folder?}} straight to S3: the
     * attachment is recorded as uploading with the declared size, and the answer holds a PUT URL,
     * valid for {@link #URL_VALIDITY}, that takes exactly that many bytes of that type.
     */
    public Upload startUpload(String itemId, String jobId, String user, JsonNode body) {
        JsonFields.refuseUnknown(body, "", "name", "size", "contentType", "alias", "folder");
        String name = fileName(JsonFields.requiredString(body, "name", MAX_NAME));
        Long declared = JsonFields.optionalLong(body, "size", 1, Long.MAX_VALUE);
        if (declared == null) {
            throw Refusal.invalid("size (the file's length in bytes, at least 1) is required", "size");
        }
        long size = declared;
        if (size > MAX_UPLOAD_BYTES) {
            throw new Refusal(Refusal.Kind.PAYLOAD_TOO_LARGE, "The file is " + size + " bytes; uploads are limited to " + MAX_UPLOAD_BYTES,
                    "size", List.of(), Map.of("limitBytes", Long.toString(MAX_UPLOAD_BYTES)));
        }
        String type = mediaType(JsonFields.optionalString(body, "contentType", 200));
        String alias = label(JsonFields.optionalString(body, "alias", MAX_LABEL), "alias");
        String folder = label(JsonFields.optionalString(body, "folder", MAX_LABEL), "folder");
        requireRoom(itemId, jobId);
        String now = clock.instant().toString();
        Attachment attachment = new Attachment(Ids.newId(clock.instant()), jobId, Attachment.FILE, name, alias, folder, type, size, null,
                user, now, now, Attachment.UPLOADING);
        documents.create(itemId, Keys.jobAttachments(jobId), attachment.attachmentId(), Json.MAPPER.valueToTree(attachment));
        var presigned = files.presignedPut(itemId, jobId, attachment.attachmentId(), type, size, URL_VALIDITY);
        Map<String, String> headers = new TreeMap<>();
        presigned.signedHeaders().forEach((header, values) -> {
            if (!header.equalsIgnoreCase("host")) {
                headers.put(header, String.join(",", values));
            }
        });
        return new Upload(new Stored(attachment, 1), presigned.url().toString(), headers, clock.instant().plus(URL_VALIDITY).toString());
    }

    /**
     * Marks an upload available once its bytes are in S3 (repeating it is harmless); 409 while
     * nothing has arrived.
     */
    public Stored completeUpload(String itemId, String jobId, String attachmentId, String user) {
        Stored current = get(itemId, jobId, attachmentId);
        Attachment attachment = current.attachment();
        if (attachment.available()) {
            return current;
        }
        Long stored = files.sizeOf(itemId, jobId, attachmentId);
        if (stored == null || stored.longValue() != attachment.size()) {
            throw Refusal.conflict("Nothing has been uploaded for attachment '" + attachmentId + "' yet: PUT its "
                    + attachment.size() + " bytes to the upload URL first", "attachmentId");
        }
        Attachment done = attachment.uploaded(clock.instant().toString());
        if (!documents.replace(itemId, Keys.jobAttachments(jobId), attachmentId, current.revision(), Json.MAPPER.valueToTree(done))) {
            return get(itemId, jobId, attachmentId); // completed (or relabelled) by a concurrent call
        }
        recordChange(itemId, done, user, true);
        return new Stored(done, current.revision() + 1);
    }

    /** The job's attachments, oldest first; abandoned uploads are dropped on the way. */
    public List<Attachment> list(String itemId, String jobId) {
        List<Attachment> attachments = new java.util.ArrayList<>();
        for (DocumentStore.Document document : documents.list(itemId, Keys.jobAttachments(jobId))) {
            Attachment attachment = read(document.body());
            if (!attachment.available() && Instant.parse(attachment.created()).plus(ABANDONED_AFTER).isBefore(clock.instant())) {
                documents.delete(itemId, Keys.jobAttachments(jobId), attachment.attachmentId());
                files.delete(itemId, jobId, attachment.attachmentId()); // bytes a late PUT may have left
            } else {
                attachments.add(attachment);
            }
        }
        return attachments;
    }

    public Stored get(String itemId, String jobId, String attachmentId) {
        return documents.get(itemId, Keys.jobAttachments(jobId), attachmentId).map(document -> new Stored(read(document.body()), document.revision()))
                .orElseThrow(() -> notFound(jobId, attachmentId));
    }

    /** The attachment, unless its upload has not been completed (409). */
    public Attachment available(String itemId, String jobId, String attachmentId) {
        Attachment attachment = get(itemId, jobId, attachmentId).attachment();
        if (!attachment.available()) {
            throw Refusal.conflict("Attachment '" + attachmentId + "' is still uploading: complete its upload first", "attachmentId");
        }
        return attachment;
    }

    /** The bytes of an {@link #available} file; a link has none (404). */
    public Content content(String itemId, Attachment attachment) {
        if (!attachment.isFile()) {
            throw Refusal.notFound("Attachment '" + attachment.attachmentId() + "' is a link and has no stored content; its url is "
                    + attachment.url(), "attachmentId");
        }
        byte[] bytes = files.get(itemId, attachment.jobId(), attachment.attachmentId());
        if (bytes == null) {
            throw Refusal.notFound("Attachment '" + attachment.attachmentId() + "' has no stored content (it is being deleted)",
                    "attachmentId");
        }
        return new Content(attachment, bytes);
    }

    /** For an {@link #available} file, a pre-signed download URL valid for {@link #URL_VALIDITY}; a link's own URL. */
    public Download url(String itemId, Attachment attachment) {
        if (!attachment.isFile()) {
            return new Download(attachment.url(), null);
        }
        Instant expires = clock.instant().plus(URL_VALIDITY);
        String url = files.presignedGet(itemId, attachment.jobId(), attachment.attachmentId(),
                ContentDisposition.attachment(attachment.name()), URL_VALIDITY);
        return new Download(url, expires.toString());
    }

    /** Changes {@code alias} and/or {@code folder} (null or "" clears); {@code revision}, when given, must be current. */
    public Stored relabel(String itemId, String jobId, String attachmentId, JsonNode body) {
        Stored current = get(itemId, jobId, attachmentId);
        JsonFields.refuseUnknown(body, "", "alias", "folder", "revision");
        if (!body.has("alias") && !body.has("folder")) {
            throw Refusal.invalid("Give alias and/or folder to change", "body");
        }
        Attachment attachment = current.attachment();
        String alias = body.has("alias") ? label(JsonFields.optionalString(body, "alias", MAX_LABEL), "alias") : attachment.alias();
        String folder = body.has("folder") ? label(JsonFields.optionalString(body, "folder", MAX_LABEL), "folder") : attachment.folder();
        Long revision = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        long expected = revision != null ? revision : current.revision();
        Attachment next = attachment.relabelled(alias, folder, clock.instant().toString());
        if (!documents.replace(itemId, Keys.jobAttachments(jobId), attachmentId, expected, Json.MAPPER.valueToTree(next))) {
            throw Refusal.conflict("Attachment '" + attachmentId + "' changed since revision " + expected + "; read it again", "revision");
        }
        return new Stored(next, expected + 1);
    }

    public void delete(String itemId, String jobId, String attachmentId, String user) {
        Attachment attachment = get(itemId, jobId, attachmentId).attachment();
        documents.delete(itemId, Keys.jobAttachments(jobId), attachmentId);
        if (attachment.isFile()) {
            files.delete(itemId, jobId, attachmentId);
        }
        if (attachment.available()) {
            recordChange(itemId, attachment, user, false);
        }
    }

    /**
     * The job's history (and so its event stream) records the change, after the attachment's own
     * record is written: an attachment is never announced before it can be read.
     */
    private void recordChange(String itemId, Attachment attachment, String user, boolean added) {
        String name = attachment.name() != null ? attachment.name() : attachment.url();
        history.run(itemId, attachment.jobId(), new RecordAttachmentChange(user, attachment.attachmentId(), name, added));
    }

    /** The job is being deleted: its files go (its records go with the job's). */
    @Override
    public void beforeDelete(String itemId, String jobId) {
        if (!list(itemId, jobId).isEmpty()) {
            files.deleteAll(itemId, jobId);
        }
    }

    private void requireRoom(String itemId, String jobId) {
        if (list(itemId, jobId).size() >= MAX_PER_JOB) {
            throw Refusal.conflict("Job '" + jobId + "' has " + MAX_PER_JOB + " attachments, the most it may have; delete some first", "jobId");
        }
    }

    /** A file's name as given, refused when it could be mistaken for a path or carries control characters. */
    static String fileName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw Refusal.invalid("A file needs a name of 1 to " + MAX_NAME + " characters (query parameter name)", "name");
        }
        if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            throw Refusal.invalid("The name '" + printable(name) + "' must be a plain file name: no /, \\, control characters, . or ..", "name");
        }
        return name;
    }

    private static String label(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_LABEL || value.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid(field + " is at most " + MAX_LABEL + " characters, without control characters", field);
        }
        return value;
    }

    private static String link(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException malformed) {
            // answered below
        }
        throw Refusal.invalid("url must be an absolute http or https URL", "url");
    }

    /** The media type of the upload (parameters such as charset kept); anything unreadable is stored as bytes. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return DEFAULT_TYPE;
        }
        String type = contentType.split(";", 2)[0].trim();
        return MEDIA_TYPE.matcher(type).matches() && contentType.length() <= 200 && contentType.chars().noneMatch(Character::isISOControl)
                ? contentType.trim() : DEFAULT_TYPE;
    }

    private static String printable(String text) {
        return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static Refusal notFound(String jobId, String attachmentId) {
        return Refusal.notFound("Job '" + jobId + "' has no attachment '" + attachmentId + "'", "attachmentId");
    }

    private static Attachment read(ObjectNode body) {
        return Json.MAPPER.convertValue(body, Attachment.class);
    }
}
