package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Calls CKAN actions over real HTTP against a {@link TestService}, as a CKAN client would. */
public final class Ckan {
    final TestService service;

    public Ckan(TestService service) {
        this.service = service;
    }

    /** POSTs a JSON data dict to /api/3/action/{name}. */
    public HttpResponse<String> post(String action, String json, String... headers) {
        return service.post("/api/3/action/" + action, json, headers);
    }

    public HttpResponse<String> get(String action, String query, String... headers) {
        return service.get("/api/3/action/" + action + (query.isEmpty() ? "" : "?" + query), headers);
    }

    /** POSTs and returns {@code result}, failing unless the call succeeded. */
    public JsonNode call(String action, String json, String... headers) {
        HttpResponse<String> r = post(action, json, headers);
        JsonNode body = TestService.json(r);
        if (r.statusCode() != 200 || !body.path("success").asBoolean()) {
            throw new AssertionError(action + " failed: " + r.statusCode() + " " + r.body());
        }
        return body.path("result");
    }

    public JsonNode call(String action, Map<String, ?> data, String... headers) {
        return call(action, Json.write(data), headers);
    }

    /** GETs and returns {@code result}, failing unless the call succeeded. */
    public JsonNode read(String action, String query, String... headers) {
        HttpResponse<String> r = get(action, query, headers);
        JsonNode body = TestService.json(r);
        if (r.statusCode() != 200 || !body.path("success").asBoolean()) {
            throw new AssertionError(action + " failed: " + r.statusCode() + " " + r.body());
        }
        return body.path("result");
    }

    /** Headers carrying the platform admin token as CKAN clients send it (raw Authorization). */
    public String[] sysadmin() {
        return new String[] {"Authorization", service.adminToken()};
    }

    public static String[] auth(String token) {
        return new String[] {"Authorization", token};
    }

    /** An organisation made through organization_create; returns its id. */
    public String organization(String name, String title) {
        return call("organization_create", Map.of("name", name, "title", title), sysadmin()).path("id").asText();
    }

    /** A write token for an organisation (CKAN's editor). */
    public String editor(String organisationSlug) {
        return service.createToken("organisation", organisationSlug, "write", null);
    }

    public String member(String organisationSlug) {
        return service.createToken("organisation", organisationSlug, "read", null);
    }

    /** POSTs form fields (application/x-www-form-urlencoded), as browsers and some clients do. */
    public HttpResponse<String> postForm(String action, Map<String, String> fields, String... headers) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k.startsWith("{") ? k : enc(k))
                .append(v.isEmpty() ? "" : "=" + enc(v)));
        var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url("/api/3/action/" + action)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.toString()));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dataset in an organisation, created by the sysadmin; extra fields override the defaults. */
    public JsonNode dataset(String name, String org, Map<String, Object> fields) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("name", name);
        data.put("owner_org", org);
        data.putAll(fields);
        return call("package_create", data, sysadmin());
    }

    /**
     * POSTs multipart/form-data as ckanapi does for {@code upload@file} (and CKAN's resource form): the
     * fields as text parts, the file as the part {@code upload} with its file name and no content type.
     */
    public HttpResponse<String> postMultipart(String action, Map<String, String> fields, String filename, byte[] file,
                                       String... headers) {
        String boundary = "----ckanapi" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        fields.forEach((k, v) -> text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n"));
        if (filename != null) {
            text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\""
                    + filename + "\"\r\n\r\n");
            body.writeBytes(file);
            text.accept("\r\n");
        }
        text.accept("--" + boundary + "--\r\n");
        var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url("/api/action/" + action)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
