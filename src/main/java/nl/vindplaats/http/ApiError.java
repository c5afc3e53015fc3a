package nl.vindplaats.http;

import java.util.List;

/** A refusal with an HTTP status, rendered in the error format of the API it happened in. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String title;
    private final List<InvalidParam> invalidParams;

    public ApiError(int status, String title, String detail, List<InvalidParam> invalidParams) {
        super(detail);
        this.status = status;
        this.title = title;
        this.invalidParams = List.copyOf(invalidParams);
    }

    public static ApiError badRequest(String detail, List<InvalidParam> invalidParams) {
        return new ApiError(400, "Bad Request", detail, invalidParams);
    }

    public static ApiError invalid(String name, String reason) {
        return badRequest("The request has invalid input.", List.of(new InvalidParam(name, reason)));
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "Not Found", detail, List.of());
    }

    public static ApiError conflict(String detail) {
        return new ApiError(409, "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<InvalidParam> invalidParams() {
        return invalidParams;
    }
}
