package nl.vindplaats.platform;

import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.blobs.FileBlobStore;
import nl.vindplaats.blobs.S3BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Where a node keeps the files: the configured S3-compatible bucket, or the data directory. */
final class Blobs {
    private static final Logger LOG = LoggerFactory.getLogger(Blobs.class);

    private Blobs() {
    }

    /** The files: in the configured bucket, else under the data directory. */
    static BlobStore open(Config config) throws IOException {
        if (config.instance().objectStore() == null) {
            return new FileBlobStore(config.store().dataDir().resolve("blobs"));
        }
        S3BlobStore s3 = new S3BlobStore(config.instance().objectStore(),
                config.store().dataDir().resolve("blobs-incoming"));
        try {
            s3.ensureBucket();
        } catch (BlobStore.UnavailableException e) { // files are refused with 503 until it is back; reads go on
            LOG.warn("The object store is not available at start: {}", e.getMessage());
        }
        LOG.info("Files are kept in {}", s3.describe());
        return s3;
    }
}
