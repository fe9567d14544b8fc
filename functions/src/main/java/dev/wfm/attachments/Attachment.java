package dev.wfm.attachments;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A job's attachment: a stored {@code file} (its bytes in the attachments bucket under a key made
 * of ids only) or a {@code link} to a URL. {@code name} is the file's name as uploaded, shown and
 * offered for download, never used as a path; {@code alias} and {@code folder} are labels. A file
 * sent straight to S3 is {@code uploading} until its upload is completed, then {@code available}.
 */
public record Attachment(String attachmentId, String jobId, String type, String name, String alias, String folder,
                         String contentType, Long size, String url, String createdBy, String created, String updated,
                         String status) {
    public static final String FILE = "file";
    public static final String LINK = "link";
    public static final String AVAILABLE = "available";
    public static final String UPLOADING = "uploading";

    @JsonIgnore
    public boolean available() {
        return AVAILABLE.equals(status);
    }

    @JsonIgnore
    public boolean isFile() {
        return FILE.equals(type);
    }

    Attachment relabelled(String newAlias, String newFolder, String now) {
        return new Attachment(attachmentId, jobId, type, name, newAlias, newFolder, contentType, size, url, createdBy, created, now, status);
    }

    Attachment uploaded(String now) {
        return new Attachment(attachmentId, jobId, type, name, alias, folder, contentType, size, url, createdBy, created, now, AVAILABLE);
    }
}
