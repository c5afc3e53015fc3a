package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.datasets.CkanDatasetMapping;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.DatasetAccess;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.BlobDownload;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Routes;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Files uploaded to resources, as CKAN's FileStore has them: a multipart {@code upload} part of
 * resource_create/update/patch is streamed into the blob store; the resource gets {@code url_type: "upload"}
 * and CKAN's download URL {@code /dataset/{id}/resource/{resource_id}/download/{filename}}, which serves it.
 * Which blob a resource serves is kept in a record of its own (kind {@value #KIND}, by resource id), written
 * only by an upload, so that a client cannot point a resource at another blob by editing its {@code hash}.
 */
final class ResourceUploads {
    static final String KIND = "ckan-upload";
    private static final String UPLOAD = "upload";

    /** A file received for a resource: its name as CKAN munges it, its blob, and its media type (or null). */
    record Received(String filename, BlobStore.Blob blob, String mediaType) {
    }

    private final RecordStore store;
    private final Datasets datasets;
    private final BlobStore blobs;
    private final long maxBytes;
    private final Supplier<String> baseUrl;

    ResourceUploads(RecordStore store, Datasets datasets, BlobStore blobs, long maxBytes, Supplier<String> baseUrl) {
        this.store = store;
        this.datasets = datasets;
        this.blobs = blobs;
        this.maxBytes = maxBytes;
        this.baseUrl = baseUrl;
    }

    /** The file of the call's multipart {@code upload} part, streamed into the blob store; empty without one. */
    Optional<Received> receive(Call call) throws IOException {
        String type = call.ctx().contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        UploadedFile file = call.ctx().uploadedFile(UPLOAD);
        if (file == null || file.filename() == null || file.filename().isBlank()) {
            return Optional.empty();
        }
        BlobStore.Blob blob;
        try (InputStream in = file.content()) {
            blob = blobs.put(in, maxBytes);
        } catch (BlobStore.TooLargeException e) {
            throw CkanErrors.validation(UPLOAD, "File upload too large");
        }
        String filename = mungeFilename(file.filename());
        return Optional.of(new Received(filename, blob, mediaType(call.text("url"), filename, file.contentType())));
    }

    /**
     * Sets what an upload means on the resource dict a client gave: CKAN's url_type, download URL and
     * last_modified; size and mimetype unless the call gave them; the file's SHA-256 as hash.
     */
    void describe(ObjectNode resource, Received received, String packageId, String resourceId, Call call,
                  Instant now) {
        resource.put("url", downloadUrl(packageId, resourceId, received.filename()));
        resource.put("url_type", UPLOAD);
        resource.put("last_modified", Datasets.now(now));
        if (!call.has("size")) {
            resource.put("size", received.blob().size());
        }
        if (!call.has("mimetype") && received.mediaType() != null) {
            resource.put("mimetype", received.mediaType());
        }
        resource.put("hash", received.blob().sha256());
    }

    /** Records that the resource now serves the received file; called once the dataset holds the resource. */
    void record(StoredRecord dataset, String resourceId, Received received, Instant now) {
        ObjectNode body = Json.object().put("package_id", dataset.id()).put("sha256", received.blob().sha256())
                .put("size", received.blob().size()).put("filename", received.filename())
                .put("mimetype", received.mediaType()).put("uploaded", now.toString());
        Optional<StoredRecord> current = store.get(KIND, resourceId);
        NewVersion next = new NewVersion(KIND, resourceId, null, dataset.organisation(), Datasets.ACTIVE, body,
                "upload");
        if (current.isPresent()) {
            store.update(next, current.get().version());
        } else {
            store.create(next);
        }
    }

    String downloadUrl(String packageId, String resourceId, String filename) {
        return baseUrl.get() + "/dataset/" + packageId + "/resource/" + resourceId + "/download/" + filename;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD)) {
            for (String path : List.of("/dataset/{id}/resource/{resource_id}/download",
                    "/dataset/{id}/resource/{resource_id}/download/{filename}")) {
                operations.add(Operation.read("ckan.resource.download", method, path, Permission.anyone(),
                        this::download));
            }
        }
        return operations;
    }

    /**
     * CKAN's resource download view: an uploaded file is served (Range, ETag); a linked resource redirects
     * to its URL. The file name in the path is only for the client's sake, as in CKAN.
     */
    private void download(Context ctx) throws IOException {
        StoredRecord dataset = datasets.find(ctx.pathParam("id"))
                .filter(r -> !Datasets.DELETED.equals(r.state()) || canSee(ctx, r))
                .orElseThrow(() -> ApiError.notFound("Resource not found"));
        if (!canSee(ctx, dataset)) {
            throw new ApiError(403, "Forbidden", "Unauthorized to read resource " + ctx.pathParam("resource_id"),
                    List.of());
        }
        String resourceId = ctx.pathParam("resource_id");
        JsonNode resource = null;
        for (JsonNode r : dataset.body().path("resources")) {
            if (r.path("id").asText().equals(resourceId)) {
                resource = r;
            }
        }
        if (resource == null) {
            throw ApiError.notFound("Resource not found");
        }
        if (!UPLOAD.equals(resource.path("url_type").asText())) {
            String url = resource.path("url").asText("");
            if (url.isBlank()) {
                throw ApiError.notFound("No download is available");
            }
            ctx.redirect(url);
            return;
        }
        StoredRecord upload = store.get(KIND, resourceId)
                .filter(u -> u.body().path("package_id").asText().equals(dataset.id()))
                .orElseThrow(() -> ApiError.notFound("No download is available"));
        ObjectNode u = upload.body();
        String mediaType = resource.path("mimetype").asText("");
        if (mediaType.isBlank()) {
            mediaType = u.path("mimetype").asText("");
        }
        BlobDownload.serve(ctx, blobs, new BlobDownload.File(u.path("sha256").asText(), u.path("size").asLong(),
                mediaType.isBlank() ? "application/octet-stream" : mediaType, u.path("filename").asText(),
                Instant.parse(u.path("uploaded").asText())), "inline");
    }

    private static boolean canSee(Context ctx, StoredRecord dataset) {
        return DatasetAccess.canSee(Routes.token(ctx), CkanDatasetMapping.visibility(dataset));
    }

    /** CKAN's munge_filename: no path, lower case, ASCII letters, digits, {@code _ . -}, 3 to 100 characters. */
    static String mungeFilename(String given) {
        String name = given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip().toLowerCase(Locale.ROOT);
        name = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        name = name.replaceAll("[^a-z0-9_. -]", "").replace(' ', '-').replaceAll("-+", "-");
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        if (extension.length() > 21) {
            extension = extension.substring(0, 21);
        }
        int min = Math.max(1, 3 - extension.length());
        int max = 100 - extension.length();
        if (base.length() < min) {
            base = base + "_".repeat(min - base.length());
        }
        if (base.length() > max) {
            base = base.substring(0, max);
        }
        return base + extension;
    }

    /** As CKAN guesses it: from the URL the client gave, else from the file's name, else what the part declared. */
    private static String mediaType(String url, String filename, String declared) {
        String guessed = url == null || url.isBlank() ? null : URLConnection.guessContentTypeFromName(url);
        if (guessed == null) {
            guessed = URLConnection.guessContentTypeFromName(filename);
        }
        if (guessed == null && declared != null && !declared.isBlank()
                && !declared.toLowerCase(Locale.ROOT).startsWith("application/octet-stream")) {
            guessed = declared;
        }
        return guessed;
    }
}
