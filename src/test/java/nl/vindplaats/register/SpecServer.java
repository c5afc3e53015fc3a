package nl.vindplaats.register;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/** A local HTTP server that serves test OpenAPI documents, redirects and slow answers. */
final class SpecServer implements AutoCloseable {
    record Answer(int status, String contentType, byte[] body, String location, long delayMillis) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    SpecServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            Answer answer = answers.get(exchange.getRequestURI().getPath());
            if (answer == null) {
                answer = new Answer(404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8), null, 0);
            }
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            } catch (IOException ignored) {
                // the client gave up (timeouts, size limits): that is what some tests want
            }
        });
        server.start();
    }

    SpecServer serve(String path, String contentType, String body) {
        answers.put(path, new Answer(200, contentType, body.getBytes(StandardCharsets.UTF_8), null, 0));
        return this;
    }

    SpecServer serve(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    SpecServer redirect(String path, String to) {
        answers.put(path, new Answer(302, "text/plain", new byte[0], to, 0));
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A small document that follows every scored design rule, with the given version. */
    static String goodSpec(String version, String serverUrl) {
        return """
                {"openapi": "3.0.3",
                 "info": {"title": "Afvalkalender API", "version": "%s", "description": "Ophaaldagen van afval",
                          "contact": {"name": "Team Afval", "email": "afval@example.nl", "url": "https://example.nl/afval"}},
                 "servers": [{"url": "%s"}],
                 "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}},
                   "headers": {"v": {"schema": {"type": "string"}}}},
                 "paths": {
                   "/openapi.json": {"get": {"responses": {"200": {"description": "ok", "headers": {"API-Version": {"$ref": "#/components/headers/v"}}}}}},
                   "/ophaaldagen": {"get": {"responses": {
                      "200": {"description": "ok", "headers": {"API-Version": {"$ref": "#/components/headers/v"}}},
                      "400": {"description": "bad", "headers": {"API-Version": {"$ref": "#/components/headers/v"}},
                              "content": {"application/problem+json": {"schema": {"type": "object"}}}}}}}}}
                """.formatted(version, serverUrl);
    }
}
