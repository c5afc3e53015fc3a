package nl.vindplaats.register;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a document from a URL someone registered, with the limits of {@link RegisterSettings}:
 * connect and read timeouts, a size limit, a redirect limit (each hop checked again), and refusal
 * of addresses inside the operator's network ({@link SpecialAddresses}) unless allowed.
 *
 * <p>A host name is resolved once, by {@link Resolver}; the addresses it gave are checked, and the connection goes
 * to those very addresses (the client's own resolver only hands them back), with the host name kept for TLS SNI
 * and the Host header. A name that resolves to a public address when checked and to an internal one a moment
 * later (DNS rebinding) therefore still reaches only the address that was checked.
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
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final RegisterSettings settings;
    private final Resolver resolver;
    /** The addresses last checked per host: the only answers the HTTP client's resolver gives. */
    private final Map<String, List<InetAddress>> checked = new ConcurrentHashMap<>();
    // Started on first use: starting one loads the TLS machinery and the CA certificates, which a start need not
    // wait for.
    private volatile HttpClient client;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public SpecFetcher(RegisterSettings settings) {
        this(settings, host -> List.of(InetAddress.getAllByName(host)));
    }

    SpecFetcher(RegisterSettings settings, Resolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClient created = new HttpClient();
                    created.setSslContextFactory(new SslContextFactory.Client());
                    created.setConnectTimeout(settings.connectTimeout().toMillis());
                    created.setFollowRedirects(false);
                    created.setExecutor(readers);
                    created.setUserAgentField(new org.eclipse.jetty.http.HttpField(HttpHeader.USER_AGENT,
                            "Vindplaats API register"));
                    created.setSocketAddressResolver(pinned());
                    try {
                        created.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("the HTTP client did not start", e);
                    }
                    client = created;
                }
                built = client;
            }
        }
        return built;
    }

    /** Answers with the addresses checked for the host, never with a lookup of its own. */
    private SocketAddressResolver pinned() {
        return (host, port, context, promise) -> {
            List<InetAddress> addresses = checked.get(hostKey(host));
            if (addresses == null) {
                promise.failed(new UnknownHostException(host + " was not checked before connecting"));
                return;
            }
            promise.succeeded(addresses.stream().map(a -> new InetSocketAddress(a, port)).toList());
        };
    }

    /** A probe of an API URL: the status code and how long the answer took, or why there was none. */
    public record Probed(Integer statusCode, long latencyMillis, String reason) {
    }

    private record Answered(URI uri, Response response, InputStream body) {
    }

    public Outcome fetch(String url) {
        Object reached = follow(url);
        if (reached instanceof Failed failed) {
            return failed;
        }
        Answered answered = (Answered) reached;
        if (answered.response().getStatus() != 200) {
            close(answered.body());
            return new Failed("HTTP status " + answered.response().getStatus());
        }
        String mediaType = java.util.Objects.requireNonNullElse(answered.response().getHeaders()
                .get(HttpHeader.CONTENT_TYPE), "").split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return readBody(answered.uri(), answered.body(), mediaType);
    }

    /** Calls the URL (same address rules, timeouts and redirect limit) and measures until the status arrives. */
    public Probed probe(String url) {
        long started = System.nanoTime();
        Object reached = follow(url);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (reached instanceof Failed failed) {
            return new Probed(null, millis, failed.reason());
        }
        Answered answered = (Answered) reached;
        close(answered.body());
        return new Probed(answered.response().getStatus(), millis, null);
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
            Request request;
            try {
                request = client().newRequest(uri)
                        .headers(h -> h.put(HttpHeader.ACCEPT,
                                "application/vnd.oai.openapi+json, application/json, application/yaml;q=0.9, */*;q=0.5"));
            } catch (IllegalArgumentException e) {
                return new Failed("not a valid URL: " + uri);
            }
            InputStreamResponseListener listener = new InputStreamResponseListener();
            request.send(listener);
            Response response;
            try {
                response = listener.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                request.abort(e);
                return new Failed("no response within " + settings.readTimeout().toSeconds() + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return new Failed("could not connect: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                request.abort(e);
                return new Failed("interrupted");
            }
            InputStream body = listener.getInputStream();
            int status = response.getStatus();
            String location = response.getHeaders().get(HttpHeader.LOCATION);
            if (status >= 300 && status < 400 && location != null) {
                close(body);
                try {
                    uri = uri.resolve(location);
                } catch (IllegalArgumentException e) {
                    return new Failed("redirect to an invalid URL");
                }
                continue;
            }
            return new Answered(uri, response, body);
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
        List<InetAddress> addresses;
        try {
            addresses = List.copyOf(resolver.resolve(uri.getHost()));
        } catch (UnknownHostException e) {
            return "unknown host " + uri.getHost();
        }
        if (addresses.isEmpty()) {
            return "unknown host " + uri.getHost();
        }
        if (!settings.allowPrivateAddresses()) {
            Set<InetAddress> own = SpecialAddresses.ownAddresses();
            for (InetAddress address : addresses) {
                String why = SpecialAddresses.refusal(address, own);
                if (why != null) {
                    return "refused: " + uri.getHost() + " resolves to an internal address (" + address.getHostAddress()
                            + ": " + why + "); the operator can allow internal addresses";
                }
            }
        }
        checked.put(hostKey(uri.getHost()), addresses);
        return null;
    }

    /** The host as the HTTP client names it to its resolver: lower case, IPv6 literals without brackets. */
    private static String hostKey(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether an address is one a registered URL may not lead to (see {@link SpecialAddresses}). */
    static boolean isInternal(InetAddress a) {
        return SpecialAddresses.refusal(a, SpecialAddresses.ownAddresses()) != null;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to do with a response we give up on
        }
    }

    public void close() {
        HttpClient started = client;
        if (started != null) {
            try {
                started.stop();
            } catch (Exception e) {
                // stopping: nothing more to do
            }
        }
        readers.shutdownNow();
    }
}
