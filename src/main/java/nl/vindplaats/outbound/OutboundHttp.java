package nl.vindplaats.outbound;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way the service calls a URL that someone else gave it (a registered specification, an API to probe, a
 * harvest source, a webhook target): timeouts, a redirect limit with each hop checked again, and refusal of
 * addresses inside the operator's network ({@link SpecialAddresses}) unless the operator allows them.
 *
 * <p>A host name is resolved once, by the {@link Resolver}; the addresses it gave are checked, and the connection
 * goes to those very addresses (the client's own resolver only hands them back), with the host name kept for TLS
 * SNI and the Host header. A name that resolves to a public address when checked and to an internal one a moment
 * later (DNS rebinding) therefore still reaches only the address that was checked.
 *
 * <p>Answers are streamed: the caller reads the body from {@link Answer#body()} and closes the answer; {@link
 * #readAtMost} reads a body whole up to a size limit and the read timeout.
 */
public final class OutboundHttp implements AutoCloseable {
    /** Looks a host name up: the system resolver in service, another in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /**
     * How far the service reaches out.
     *
     * @param allowPrivateAddresses also call loopback, link-local and private addresses (off by default, so that
     *                              a URL given by a user cannot make the service probe its own network)
     */
    public record Limits(Duration connectTimeout, Duration readTimeout, int maxRedirects,
                         boolean allowPrivateAddresses, String userAgent) {
        public Limits {
            Objects.requireNonNull(connectTimeout);
            Objects.requireNonNull(readTimeout);
            Objects.requireNonNull(userAgent);
        }
    }

    /** One request: redirects are followed only for GET and HEAD. Header names as sent. */
    public record Call(String method, String url, Map<String, String> headers, byte[] body) {
        public static Call get(String url, Map<String, String> headers) {
            return new Call("GET", url, headers, null);
        }

        public static Call post(String url, Map<String, String> headers, byte[] body) {
            return new Call("POST", url, headers, body);
        }
    }

    /** What a call gave: an {@link Answer} or a {@link Failed}. */
    public sealed interface Outcome permits Answer, Failed {
    }

    /** Why nothing usable came back, in words for a person. */
    public record Failed(String reason) implements Outcome {
    }

    /** A response whose body is still to be read; close it when done. Header names are lower case. */
    public record Answer(URI uri, int status, Map<String, String> headers, InputStream body)
            implements Outcome, AutoCloseable {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The media type without parameters, lower case; empty when none was sent. */
        public String mediaType() {
            return Objects.requireNonNullElse(header("content-type"), "").split(";")[0].strip()
                    .toLowerCase(Locale.ROOT);
        }

        @Override
        public void close() {
            quietlyClose(body);
        }
    }

    /** A body read whole, or why it could not be. */
    public sealed interface Read permits Bytes, Unread {
    }

    public record Bytes(byte[] bytes) implements Read {
    }

    public record Unread(String reason) implements Read {
    }

    private final Limits limits;
    private final Resolver resolver;
    /** The addresses last checked per host: the only answers the HTTP client's resolver gives. */
    private final Map<String, List<InetAddress>> checked = new ConcurrentHashMap<>();
    // Started on first use: starting one loads the TLS machinery and the CA certificates, which a start need not
    // wait for.
    private volatile HttpClient client;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public OutboundHttp(Limits limits) {
        this(limits, host -> List.of(InetAddress.getAllByName(host)));
    }

    public OutboundHttp(Limits limits, Resolver resolver) {
        this.limits = limits;
        this.resolver = resolver;
    }

    public Limits limits() {
        return limits;
    }

    /** Sends the call, following redirects (GET and HEAD) up to the limit and checking each hop's address. */
    public Outcome send(Call call) {
        URI uri;
        try {
            uri = URI.create(call.url());
        } catch (IllegalArgumentException e) {
            return new Failed("not a valid URL: " + call.url());
        }
        boolean follow = call.method().equals("GET") || call.method().equals("HEAD");
        for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
            String refusal = refusal(uri);
            if (refusal != null) {
                return new Failed(refusal);
            }
            Request request;
            try {
                request = client().newRequest(uri).method(HttpMethod.fromString(call.method()))
                        .headers(h -> call.headers().forEach(h::put));
                if (call.body() != null) {
                    request.body(new BytesRequestContent(call.headers().getOrDefault("Content-Type",
                            "application/octet-stream"), call.body()));
                }
            } catch (IllegalArgumentException e) {
                return new Failed("not a valid URL: " + uri);
            }
            InputStreamResponseListener listener = new InputStreamResponseListener();
            request.send(listener);
            Response response;
            try {
                response = listener.get(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                request.abort(e);
                return new Failed("no response within " + limits.readTimeout().toSeconds() + " s");
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
            if (follow && status >= 300 && status < 400 && location != null) {
                quietlyClose(body);
                try {
                    uri = uri.resolve(location);
                } catch (IllegalArgumentException e) {
                    return new Failed("redirect to an invalid URL");
                }
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpField field : response.getHeaders()) {
                headers.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + ", " + b);
            }
            return new Answer(uri, status, headers, body);
        }
        return new Failed("more than " + limits.maxRedirects() + " redirects");
    }

    /**
     * Reads the answer's body whole, at most {@code maxBytes}, giving up when it does not arrive within the read
     * timeout; closes the answer.
     */
    public Read readAtMost(Answer answer, long maxBytes) {
        InputStream in = answer.body();
        Future<byte[]> reading = readers.submit(() -> {
            try (in) {
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
        });
        try {
            byte[] bytes = reading.get(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (bytes.length > maxBytes) {
                return new Unread("larger than the limit of " + maxBytes + " bytes");
            }
            return new Bytes(bytes);
        } catch (TimeoutException e) {
            reading.cancel(true);
            quietlyClose(in);
            return new Unread("the body did not arrive within " + limits.readTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Unread("reading failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unread("interrupted");
        }
    }

    /** Why this URL may not be called, or null when it may (and its addresses are then pinned for the call). */
    public String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
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
        if (!limits.allowPrivateAddresses()) {
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

    /** Whether an address is one a URL given to us may not lead to (see {@link SpecialAddresses}). */
    public static boolean isInternal(InetAddress a) {
        return SpecialAddresses.refusal(a, SpecialAddresses.ownAddresses()) != null;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClient created = new HttpClient();
                    created.setSslContextFactory(new SslContextFactory.Client());
                    created.setConnectTimeout(limits.connectTimeout().toMillis());
                    created.setFollowRedirects(false);
                    created.setExecutor(readers);
                    created.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, limits.userAgent()));
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

    /** The host as the HTTP client names it to its resolver: lower case, IPv6 literals without brackets. */
    private static String hostKey(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(Locale.ROOT);
    }

    private static void quietlyClose(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to do with a response we give up on
        }
    }

    @Override
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
