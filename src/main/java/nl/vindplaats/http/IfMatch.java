package nl.vindplaats.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code If-Match} header as RFC 9110 §13.1.1 reads it: {@code *} or a list of entity tags, compared
 * strongly. A weak tag ({@code W/"3"}) and a tag that is no version of ours ({@code "0"}, {@code "-1"},
 * {@code "abc"}) never match, and neither does an unquoted value. Every API that takes If-Match refuses a
 * precondition that does not match the same way as a stale version: 409 Conflict.
 */
public record IfMatch(boolean any, List<Long> versions) {
    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e\\x80-\\xff]*)\"\\s*(,|$)");

    /** The header of this request, or {@code null} when it is absent or empty. */
    public static IfMatch of(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.strip().equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<Long> versions = new ArrayList<>();
        Matcher m = ENTITY_TAG.matcher(header);
        int at = 0;
        while (at < header.length() && m.find(at) && m.start() == at) {
            if (m.group(1) == null) {
                versions.add(version(m.group(2)));
            }
            at = m.end();
        }
        return new IfMatch(false, versions);
    }

    /**
     * The version an update may replace: the current one when the precondition holds, otherwise a 409
     * naming the current version.
     */
    public long versionToReplace(long currentVersion, String what) {
        if (any || versions.contains(currentVersion)) {
            return currentVersion;
        }
        throw ApiError.conflict(what + " is at version " + currentVersion + " (ETag \"" + currentVersion
                + "\"); If-Match names no current version of it (a weak ETag never matches).");
    }

    /** A version of ours is a whole number from 1; anything else stands for no version at all. */
    private static long version(String opaque) {
        if (!opaque.matches("[1-9][0-9]{0,17}")) {
            return -1;
        }
        return Long.parseLong(opaque);
    }
}
