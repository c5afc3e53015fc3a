package nl.vindplaats.register;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a document from a URL someone registered, with the limits of {@link RegisterSettings}:
 * connect and read timeouts, a size limit, a redirect limit (each hop checked again), and refusal
 * of addresses inside the operator's network unless allowed.
 */
public final class SpecFetcher {
    /** What came back: the bytes and media type, or why nothing usable came back. */
    public sealed interface Outcome {
    }

    public record Fetched(URI url, byte[] bytes, String mediaType) implements Outcome {
    }

    public record Failed(String reason) implements Outcome {
    }

    private final RegisterSettings settings;
    // Built on first use: building one loads the TLS machinery and the CA certificates, which a start need not wait for.
    private volatile HttpClient client;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public SpecFetcher(RegisterSettings settings) {
        this.settings = settings;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(settings.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
                built = client;
            }
        }
        return built;
    }

    /** A probe of an API URL: the status code and how long the answer took, or why there was none. */
    public record Probed(Integer statusCode, long latencyMillis, String reason) {
    }

    private record Answered(URI uri, HttpResponse<InputStream> response) {
    }

    public Outcome fetch(String url) {
        Object reached = follow(url);
        if (reached instanceof Failed failed) {
            return failed;
        }
        Answered answered = (Answered) reached;
        HttpResponse<InputStream> response = answered.response();
        if (response.statusCode() != 200) {
            close(response.body());
            return new Failed("HTTP status " + response.statusCode());
        }
        String mediaType = response.headers().firstValue("Content-Type").orElse("")
                .split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return readBody(answered.uri(), response.body(), mediaType);
    }

    /** Calls the URL (same address rules, timeouts and redirect limit) and measures until the status arrives. */
    public Probed probe(String url) {
        long started = System.nanoTime();
        Object reached = follow(url);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (reached instanceof Failed failed) {
            return new Probed(null, millis, failed.reason());
        }
        HttpResponse<InputStream> response = ((Answered) reached).response();
        close(response.body());
        return new Probed(response.statusCode(), millis, null);
    }

    /** Follows redirects up to the limit, checking each hop; gives an {@link Answered} or a {@link Failed}. */
    private Object follow(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Failed("not a valid URL: " + url);
        }
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            String refusal = refusal(uri);
            if (refusal != null) {
                return new Failed(refusal);
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout())
                    .header("Accept", "application/vnd.oai.openapi+json, application/json, application/yaml;q=0.9, */*;q=0.5")
                    .header("User-Agent", "Vindplaats API register")
                    .GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                return new Failed("no response within " + settings.readTimeout().toSeconds() + " s");
            } catch (IOException e) {
                return new Failed("could not connect: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Failed("interrupted");
            } catch (IllegalArgumentException e) {
                return new Failed("not a valid URL: " + uri);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                close(response.body());
                try {
                    uri = uri.resolve(response.headers().firstValue("Location").get());
                } catch (IllegalArgumentException e) {
                    return new Failed("redirect to an invalid URL");
                }
                continue;
            }
            return new Answered(uri, response);
        }
        return new Failed("more than " + settings.maxRedirects() + " redirects");
    }

    /** Reads at most the size limit, and gives up when the body does not arrive within the read timeout. */
    private Outcome readBody(URI uri, InputStream in, String mediaType) {
        long max = settings.maxSpecBytes();
        Future<byte[]> reading = readers.submit(() -> {
            try (in) {
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            }
        });
        try {
            byte[] bytes = reading.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (bytes.length > max) {
                return new Failed("larger than the limit of " + max + " bytes");
            }
            return new Fetched(uri, bytes, mediaType);
        } catch (TimeoutException e) {
            reading.cancel(true);
            close(in);
            return new Failed("the body did not arrive within " + settings.readTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Failed("reading failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
    }

    /** Why this URL may not be fetched, or null when it may. */
    String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https URLs are fetched";
        }
        if (uri.getHost() == null) {
            return "the URL has no host";
        }
        if (settings.allowPrivateAddresses()) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isInternal(address)) {
                    return "refused: " + uri.getHost() + " resolves to an internal address (" + address.getHostAddress()
                            + "); the operator can allow internal addresses";
                }
            }
        } catch (UnknownHostException e) {
            return "unknown host " + uri.getHost();
        }
        return null;
    }

    /** Loopback, link-local, private (RFC 1918, fc00::/7), carrier-grade NAT, unspecified or multicast. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 || (b[0] & 0xff) == 0;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to do with a response we give up on
        }
    }

    public void close() {
        readers.shutdownNow();
    }
}
