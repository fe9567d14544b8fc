package dev.wfm.attachments;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Attachment bytes in S3 (S3Proxy in the local cloud), under {@code {itemId}/{jobId}/{attachmentId}}:
 * ids only, so no user-given name ever becomes part of a key. The clients are built on first use,
 * so functions that never touch attachments never pay for them at cold start.
 */
public final class AttachmentFiles {
    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;

    public AttachmentFiles(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    void put(String itemId, String jobId, String attachmentId, byte[] content, String contentType) {
        s3.get().putObject(request -> request.bucket(bucket()).key(key(itemId, jobId, attachmentId)).contentType(contentType),
                RequestBody.fromBytes(content));
    }

    /** The stored bytes, or null when the object is gone. */
    byte[] get(String itemId, String jobId, String attachmentId) {
        try {
            return s3.get().getObjectAsBytes(request -> request.bucket(bucket()).key(key(itemId, jobId, attachmentId))).asByteArray();
        } catch (NoSuchKeyException gone) {
            return null;
        }
    }

    /** A time-limited GET URL that downloads the object under {@code fileName}. */
    String presignedGet(String itemId, String jobId, String attachmentId, String contentDisposition, Duration validity) {
        return presigner.get().presignGetObject(presign -> presign
                .signatureDuration(validity)
                .getObjectRequest(get -> get.bucket(bucket()).key(key(itemId, jobId, attachmentId))
                        .responseContentDisposition(contentDisposition)))
                .url().toString();
    }

    /**
     * A time-limited PUT URL for exactly this content: its type and length are signed, so S3
     * refuses any other; the answer's headers are the ones the upload must send.
     */
    PresignedPutObjectRequest presignedPut(String itemId, String jobId, String attachmentId, String contentType, long size,
                                           Duration validity) {
        return presigner.get().presignPutObject(presign -> presign
                .signatureDuration(validity)
                .putObjectRequest(put -> put.bucket(bucket()).key(key(itemId, jobId, attachmentId))
                        .contentType(contentType).contentLength(size)));
    }

    /** The stored object's size, or null when nothing is stored under the attachment. */
    Long sizeOf(String itemId, String jobId, String attachmentId) {
        try {
            return s3.get().headObject(request -> request.bucket(bucket()).key(key(itemId, jobId, attachmentId))).contentLength();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    void delete(String itemId, String jobId, String attachmentId) {
        s3.get().deleteObject(request -> request.bucket(bucket()).key(key(itemId, jobId, attachmentId)));
    }

    /** Deletes every object of the job (a job being deleted), a page of up to 1,000 at a time. */
    void deleteAll(String itemId, String jobId) {
        String prefix = itemId + "/" + jobId + "/";
        for (var page : s3.get().listObjectsV2Paginator(request -> request.bucket(bucket()).prefix(prefix))) {
            List<ObjectIdentifier> keys = page.contents().stream().map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList();
            if (!keys.isEmpty()) {
                s3.get().deleteObjects(request -> request.bucket(bucket()).delete(Delete.builder().objects(keys).quiet(true).build()));
            }
        }
    }

    private String bucket() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("ATTACHMENTS_BUCKET is not set; template.yaml sets it for the functions that store files");
        }
        return bucket;
    }

    private static String key(String itemId, String jobId, String attachmentId) {
        return itemId + "/" + jobId + "/" + attachmentId;
    }
}
