package nl.vindplaats.register;

import io.javalin.http.Context;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.http.ApiError;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The OpenAPI documents the register stored for an entry ({@code GET /apis/{id}/oas/{version}}): each version that
 * was fetched or sent, kept in the blob store by its SHA-256, served with the media type it came with.
 */
final class StoredOasDocuments {
    private final ApiEntries entries;
    private final BlobStore blobs;

    StoredOasDocuments(ApiEntries entries, BlobStore blobs) {
        this.entries = entries;
        this.blobs = blobs;
    }

    /** One stored version of the entry's OpenAPI document: by its info.version, or "latest". */
    void oas(Context ctx) throws IOException {
        String wanted = ctx.pathParam("version");
        if (wanted.length() > RegisterApi.MAX_VERSION_LENGTH || wanted.isBlank()
                || wanted.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.invalid("version", "latest, or an info.version of at most " + RegisterApi.MAX_VERSION_LENGTH
                    + " characters without control characters");
        }
        ApiEntries.Versioned v = RegisterApi.existing(entries, ctx.pathParam("id"));
        ApiEntry.Specification spec = v.entry().specification();
        List<ApiEntry.StoredSpec> versions = spec == null || spec.versions() == null ? List.of() : spec.versions();
        ApiEntry.StoredSpec found = null;
        for (ApiEntry.StoredSpec s : versions) {
            boolean latest = "latest".equals(wanted) && s.sha256().equals(spec.sha256());
            if (latest || s.version().equals(wanted)) {
                found = s; // the last one stored with that version wins
            }
        }
        if (found == null) {
            throw ApiError.notFound("API " + v.entry().id() + " has no stored OpenAPI document with version " + wanted
                    + "; stored: " + versions.stream().map(ApiEntry.StoredSpec::version).distinct().toList() + ".");
        }
        if (!blobs.exists(found.sha256())) {
            throw ApiError.notFound("The stored document " + found.sha256() + " is missing from the blob store.");
        }
        InputStream in = blobs.open(found.sha256());
        ctx.header("OAS-Version", found.version()).header("ETag", "\"" + found.sha256() + "\"");
        if (spec.url() != null) {
            ctx.header("OAS-Source", spec.url());
        }
        ctx.contentType(found.mediaType()).result(in);
    }
}
