package nl.vindplaats.harvest;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import nl.vindplaats.outbound.OutboundHttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Harvesting's use of the one outbound client ({@link OutboundHttp}: address rules, pinned DNS, timeouts, redirects,
 * size limits): a request rate per source host (a token bucket, Bucket4j), and conditional requests — the ETag and
 * Last-Modified of an earlier answer are sent back as If-None-Match / If-Modified-Since, and a 304 is reported as
 * {@link NotModified}.
 */
public final class HarvestHttp implements AutoCloseable {
    /** What a GET gave. */
    public sealed interface Fetched permits Body, NoBody {
    }

    /** What came instead of a 200: a 304 or a failure (of a {@link #get} or a {@link #download} alike). */
    public sealed interface NoBody extends Fetched, Download permits NotModified, Failed {
    }

    /** A 200 answer read whole, with the validators to send next time. */
    public record Body(URI uri, String mediaType, byte[] bytes, Validators validators) implements Fetched {
    }

    /** The source said 304: what we have is current. */
    public record NotModified(URI uri) implements NoBody {
    }

    public record Failed(String reason) implements NoBody {
    }

    /** What a streamed GET gave ({@link #download}). */
    public sealed interface Download permits Downloaded, NoBody {
    }

    /** A 200 answer whose body the {@link BodyReader} has read, with the validators to send next time. */
    public record Downloaded(URI uri, String mediaType, Validators validators) implements Download {
    }

    /**
     * Reads a body as it arrives (into the blob store, say), so that a large file never sits whole in memory;
     * throws when it cannot (too large, the store down): the download then fails with that reason.
     */
    @FunctionalInterface
    public interface BodyReader {
        void read(InputStream body, String mediaType) throws IOException;
    }

    /** An answer's ETag and Last-Modified, as given; either may be null. */
    public record Validators(String etag, String lastModified) {
        public boolean any() {
            return etag != null || lastModified != null;
        }
    }

    private final OutboundHttp http;
    private final HarvestSettings settings;
    private final Map<String, Bucket> perHost = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public HarvestHttp(HarvestSettings settings) {
        this(settings, new OutboundHttp(new OutboundHttp.Limits(settings.connectTimeout(), settings.readTimeout(),
                settings.maxRedirects(), settings.allowPrivateAddresses(), "Vindplaats harvester")));
    }

    HarvestHttp(HarvestSettings settings, OutboundHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** A GET's 200 answer, unread; or, its answer closed, what came {@code instead}. */
    private record Opened(OutboundHttp.Answer answer, NoBody instead) {
    }

    private Opened open(String url, Map<String, String> headers, Validators previous) throws InterruptedException {
        OutboundHttp.Outcome outcome = send(url, headers, previous);
        if (outcome instanceof OutboundHttp.Failed failed) {
            return new Opened(null, new Failed(failed.reason()));
        }
        OutboundHttp.Answer answer = (OutboundHttp.Answer) outcome;
        if (answer.status() == 304) {
            answer.close();
            return new Opened(null, new NotModified(answer.uri()));
        }
        if (answer.status() != 200) {
            answer.close();
            return new Opened(null, new Failed("HTTP status " + answer.status() + " from " + answer.uri()));
        }
        return new Opened(answer, null);
    }

    /**
     * GETs the URL, after waiting for the host's turn; sends the validators of an earlier answer, if any, so that
     * an unchanged resource costs a 304 and no body.
     */
    public Fetched get(String url, Map<String, String> headers, Validators previous) throws InterruptedException {
        Opened opened = open(url, headers, previous);
        if (opened.instead() != null) {
            return opened.instead();
        }
        OutboundHttp.Answer answer = opened.answer();
        Validators validators = validators(answer);
        return switch (http.readAtMost(answer, settings.maxResponseBytes())) {
            case OutboundHttp.Bytes bytes -> new Body(answer.uri(), answer.mediaType(), bytes.bytes(), validators);
            case OutboundHttp.Unread unread -> new Failed(unread.reason() + " (" + answer.uri() + ")");
        };
    }

    /**
     * GETs the URL as {@link #get} does, but hands a 200's body to {@code reader} as it arrives instead of reading
     * it whole: for files. The body must arrive within the read timeout; the reader sets its own size limit.
     */
    public Download download(String url, Map<String, String> headers, Validators previous, BodyReader reader)
            throws InterruptedException {
        Opened opened = open(url, headers, previous);
        if (opened.instead() != null) {
            return opened.instead();
        }
        OutboundHttp.Answer answer = opened.answer();
        Future<Void> reading = readers.submit(() -> {
            try (InputStream in = answer.body()) {
                reader.read(in, answer.mediaType());
            }
            return null;
        });
        long timeout = settings.readTimeout().toMillis();
        try {
            reading.get(timeout, TimeUnit.MILLISECONDS);
            return new Downloaded(answer.uri(), answer.mediaType(), validators(answer));
        } catch (TimeoutException e) {
            reading.cancel(true);
            answer.close();
            return new Failed("the body did not arrive within " + settings.readTimeout().toSeconds() + " s ("
                    + answer.uri() + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException e) {
            reading.cancel(true);
            answer.close();
            throw e;
        }
    }

    /** Waits for the host's turn, then sends the GET with the validators of an earlier answer, if any. */
    private OutboundHttp.Outcome send(String url, Map<String, String> headers, Validators previous)
            throws InterruptedException {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return new OutboundHttp.Failed("not a valid URL: " + url);
        }
        if (host != null) {
            int rate = settings.requestsPerSecondPerHost();
            perHost.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)).build())
                    .build()).asBlocking().consume(1);
        }
        Map<String, String> sent = new LinkedHashMap<>(headers);
        if (previous != null && previous.etag() != null) {
            sent.put("If-None-Match", previous.etag());
        }
        if (previous != null && previous.lastModified() != null) {
            sent.put("If-Modified-Since", previous.lastModified());
        }
        return http.send(OutboundHttp.Call.get(url, sent));
    }

    private static Validators validators(OutboundHttp.Answer answer) {
        return new Validators(answer.header("etag"), answer.header("last-modified"));
    }

    /** Why this URL may not be harvested from (an internal address, not http), or null when it may. */
    public String refusal(String url) {
        try {
            return http.refusal(URI.create(url));
        } catch (IllegalArgumentException e) {
            return "not a valid URL";
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
        http.close();
    }
}
