package dev.wfm.attachments;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A job's attachment: a stored {@code file} (its bytes in the attachments bucket under a key made
 * of ids only) or a {@code link} to a URL. {@code name} is the file's name as uploaded, shown and
 * offered for download, never used as a path; {@code alias} and {@code folder} are labels.
 */
public record Attachment(String attachmentId, String jobId, String type, String name, String alias, String folder,
                         String contentType, Long size, String url, String createdBy, String created, String updated) {
    public static final String FILE = "file";
    public static final String LINK = "link";

    @JsonIgnore
    public boolean isFile() {
        return FILE.equals(type);
    }

    Attachment relabelled(String newAlias, String newFolder, String now) {
        return new Attachment(attachmentId, jobId, type, name, newAlias, newFolder, contentType, size, url, createdBy, created, now);
    }
}
