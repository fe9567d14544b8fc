package dev.wfm.local.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The local cloud's S3: S3Proxy on loopback, over files in the data folder (or memory). It checks
 * AWS signatures with the local credentials, so pre-signed URLs expire here as they do in AWS.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final S3Proxy proxy;
    private final BlobStore store;

    private LocalS3(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    /** Starts on a free port; {@code directory} null keeps the objects in memory. */
    public static LocalS3 start(Path directory) throws Exception {
        BlobStore store;
        if (directory == null) {
            store = new TransientNio2BlobStore();
        } else {
            Files.createDirectories(directory);
            store = new FilesystemNio2BlobStore(directory.toAbsolutePath().toString());
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start(); // returns once Jetty has started
        return new LocalS3(proxy, store);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates the buckets the template declares, unless they exist from an earlier start. */
    public void provision(List<String> buckets) {
        for (String bucket : buckets) {
            if (!store.containerExists(bucket)) {
                store.createContainer(bucket);
            }
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        store.close();
    }
}
