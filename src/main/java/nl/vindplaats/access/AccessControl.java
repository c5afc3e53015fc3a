package nl.vindplaats.access;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

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

    /** Where a token may be carried, in order of preference; {@code Authorization} is read as raw or Bearer. */
    public static final List<String> TOKEN_HEADERS = List.of("X-API-Key", "Authorization", "Aanlever-Token",
            "X-CKAN-API-Key");

    /**
     * The token a request carries in one of {@link #TOKEN_HEADERS}, or empty when it carries none.
     *
     * @throws AccessDenied when a token is carried but is not a usable one
     */
    public Optional<ApiToken> identify(UnaryOperator<String> header) {
        String secret = null;
        for (String name : TOKEN_HEADERS) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                secret = name.equals("Authorization") ? bearerOrRaw(value) : value.strip();
                break;
            }
        }
        if (secret == null || secret.isEmpty()) {
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
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
    }
}
