package nl.vindplaats.http;

/**
 * One API served under a base path: the version it reports in the {@code API-Version} header
 * (null for compatible APIs whose original sends none) and the format of its errors.
 */
public record ApiSurface(String basePath, String version, ErrorFormat errors) {
}
