package nl.vindplaats.register;

import nl.vindplaats.outbound.OutboundHttp;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Fetches a registered API's specification and probes its URL, over the service's one outbound client
 * ({@link OutboundHttp}: address checks, no DNS rebinding, timeouts, redirects) with the limits of
 * {@link RegisterSettings}.
 */
public final class SpecFetcher {
    /** What came back: the bytes and media type, or why nothing usable came back. */
    public sealed interface Outcome {
    }

    public record Fetched(URI url, byte[] bytes, String mediaType) implements Outcome {
    }

    public record Failed(String reason) implements Outcome {
    }

    /** Looks a host name up: the system resolver in service, another in tests. */
    @FunctionalInterface
    public interface Resolver extends OutboundHttp.Resolver {
    }

    private static final Map<String, String> ACCEPT = Map.of("Accept",
            "application/vnd.oai.openapi+json, application/json, application/yaml;q=0.9, */*;q=0.5");

    private final RegisterSettings settings;
    private final OutboundHttp http;

    public SpecFetcher(RegisterSettings settings) {
        this(settings, host -> List.of(InetAddress.getAllByName(host)));
    }

    SpecFetcher(RegisterSettings settings, Resolver resolver) {
        this.settings = settings;
        this.http = new OutboundHttp(new OutboundHttp.Limits(settings.connectTimeout(), settings.readTimeout(),
                settings.maxRedirects(), settings.allowPrivateAddresses(), "Vindplaats API register"), resolver);
    }

    /** A probe of an API URL: the status code and how long the answer took, or why there was none. */
    public record Probed(Integer statusCode, long latencyMillis, String reason) {
    }

    public Outcome fetch(String url) {
        OutboundHttp.Outcome reached = http.send(OutboundHttp.Call.get(url, ACCEPT));
        if (reached instanceof OutboundHttp.Failed failed) {
            return new Failed(failed.reason());
        }
        OutboundHttp.Answer answer = (OutboundHttp.Answer) reached;
        if (answer.status() != 200) {
            answer.close();
            return new Failed("HTTP status " + answer.status());
        }
        return switch (http.readAtMost(answer, settings.maxSpecBytes())) {
            case OutboundHttp.Bytes bytes -> new Fetched(answer.uri(), bytes.bytes(), answer.mediaType());
            case OutboundHttp.Unread unread -> new Failed(unread.reason());
        };
    }

    /** Calls the URL (same address rules, timeouts and redirect limit) and measures until the status arrives. */
    public Probed probe(String url) {
        long started = System.nanoTime();
        OutboundHttp.Outcome reached = http.send(OutboundHttp.Call.get(url, ACCEPT));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (reached instanceof OutboundHttp.Failed failed) {
            return new Probed(null, millis, failed.reason());
        }
        try (OutboundHttp.Answer answer = (OutboundHttp.Answer) reached) {
            return new Probed(answer.status(), millis, null);
        }
    }

    /** Why this URL may not be fetched, or null when it may. */
    String refusal(URI uri) {
        return http.refusal(uri);
    }

    /** Whether an address is one a registered URL may not lead to. */
    static boolean isInternal(InetAddress a) {
        return OutboundHttp.isInternal(a);
    }

    public void close() {
        http.close();
    }
}
