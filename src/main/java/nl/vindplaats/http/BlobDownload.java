package nl.vindplaats.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.blobs.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a file from the blob store as file downloads of every API do: its length, its SHA-256 as ETag and
 * its date; conditional requests (If-None-Match, If-Modified-Since) and one byte range (Range, If-Range),
 * streamed straight to the response.
 */
public final class BlobDownload {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** What is served: the blob, its size, media type, the name offered to save it as, and when it arrived. */
    public record File(String sha256, long size, String mediaType, String filename, Instant lastModified) {
    }

    private BlobDownload() {
    }

    /**
     * Answers the request with the file (200, 206, 304 or 416).
     *
     * @param disposition "inline" or "attachment"
     * @throws ApiError 404 when the blob is not in the store
     */
    public static void serve(Context ctx, BlobStore blobs, File file, String disposition) throws IOException {
        if (!blobs.exists(file.sha256())) {
            throw ApiError.notFound("The file is not available.");
        }
        String etag = "\"" + file.sha256() + "\"";
        Instant lastModified = file.lastModified().truncatedTo(ChronoUnit.SECONDS);
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atZone(ZoneOffset.UTC)));
        if (notModified(ctx, etag, lastModified)) {
            ctx.status(304);
            return;
        }
        long size = file.size();
        long start = 0;
        long end = size - 1;
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        if (range != null && (ifRange == null || ifRange.strip().equals(etag))) {
            Matcher m = RANGE.matcher(range.strip());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                try {
                    if (m.group(1).isEmpty()) { // the last n bytes
                        start = Math.max(0, size - Long.parseLong(m.group(2)));
                    } else {
                        start = Long.parseLong(m.group(1));
                        end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                    }
                } catch (NumberFormatException e) {
                    start = size; // more digits than any file has bytes: unsatisfiable
                }
                if (start >= size || start > end) {
                    ctx.header("Content-Range", "bytes */" + size);
                    throw new ApiError(416, "Range Not Satisfiable", "The file has " + size + " bytes; the range '"
                            + range + "' lies outside it.", List.of());
                }
                ctx.status(206);
                ctx.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            // Several ranges or another unit: the whole file, as RFC 9110 allows.
        }
        long length = end - start + 1;
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Disposition", disposition + "; filename=\"" + file.filename().replace("\"", "") + "\"");
        var response = ctx.res();
        response.setContentType(file.mediaType());
        response.setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        // Straight to the servlet stream: no compression (it would drop Content-Length) and no buffering.
        try (InputStream in = blobs.open(file.sha256(), start)) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
        }
    }

    private static boolean notModified(Context ctx, String etag, Instant lastModified) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip().replaceFirst("^W/", "");
                if (t.equals("*") || t.equals(etag)) {
                    return true;
                }
            }
            return false; // If-None-Match wins over If-Modified-Since
        }
        String since = ctx.header("If-Modified-Since");
        if (since != null) {
            try {
                return !lastModified.isAfter(ZonedDateTime.parse(since.strip(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return false; // an unreadable date is ignored
            }
        }
        return false;
    }
}
