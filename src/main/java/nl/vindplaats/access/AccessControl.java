package nl.vindplaats.access;

import java.time.Clock;
import java.util.Optional;

/**
 * The one permission check. Finds the token a request carries and decides whether it may act on a
 * resource at a level. A wrong, expired or revoked token is refused exactly like a missing one.
 */
public final class AccessControl {
    private final TokenStore tokens;
    private final Clock clock;

    public AccessControl(TokenStore tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * The token carried by these header values, or empty when none is carried.
     *
     * @throws AccessDenied when a token is carried but is not a usable one
     */
    public Optional<ApiToken> identify(String apiKeyHeader, String authorizationHeader, String extraHeader) {
        String secret = firstPresent(apiKeyHeader, bearerOrRaw(authorizationHeader), extraHeader);
        if (secret == null) {
            return Optional.empty();
        }
        ApiToken token = tokens.findBySecret(secret)
                .filter(t -> t.isUsableAt(clock.instant()))
                .orElseThrow(AccessDenied::unauthenticated);
        tokens.touch(token);
        return Optional.of(token);
    }

    /** Refuses unless {@code token} may act on {@code resource} at {@code level}. */
    public void require(ApiToken token, Resource resource, Level level) {
        if (token == null) {
            throw AccessDenied.unauthenticated();
        }
        if (!token.allows(resource, level)) {
            throw AccessDenied.forbidden("This token may not " + level.wireName() + " " + resource.label() + ".");
        }
    }

    /** Refuses a token that could not act at {@code level} on anything, before the resource is looked up. */
    public void requireLevel(ApiToken token, Level level) {
        if (token == null) {
            throw AccessDenied.unauthenticated();
        }
        if (!token.level().includes(level)) {
            throw AccessDenied.forbidden("This token has " + token.level().wireName() + " access; "
                    + level.wireName() + " is needed.");
        }
    }

    private static String bearerOrRaw(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
