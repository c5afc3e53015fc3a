package nl.vindplaats.notify;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on loopback whose answer the test chooses: a status (with headers), or none until the test
 * lets it go (a slow receiver). It keeps every request it was sent, answered or not.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived: its headers (lower-case names) and its body's exact bytes. */
    record Received(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile Map<String, String> answerHeaders = Map.of();
    private volatile CountDownLatch holdUntil;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
            received.add(new Received(headers, body));
            CountDownLatch hold = holdUntil;
            if (hold != null) {
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answer(int status, Map<String, String> headers) {
        this.answerHeaders = headers;
        this.status = status;
    }

    void answer(int status) {
        answer(status, Map.of());
    }

    /** Answers nothing until {@link #letGo()}. */
    void hold() {
        holdUntil = new CountDownLatch(1);
    }

    void letGo() {
        CountDownLatch hold = holdUntil;
        holdUntil = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        letGo();
        server.stop(0);
    }
}
