package nl.vindplaats.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the writers of {@link CrashBench} attempted and what the service acknowledged, over all rounds. A write is
 * attempted before its request is sent and acknowledged only when its success answer arrived; a key names the
 * record the way its API does (document identifier, dataset name, API id, token name).
 */
final class CrashLedger {
    enum Kind { DOCUMENT, DATASET, API, TOKEN }

    /** Per kind: key → the unique word in the record's text (for search by word). */
    final Map<Kind, Map<String, String>> attempted = new ConcurrentHashMap<>();
    /** Per kind: key → what the service answered with (document uuid, dataset name, API id, token id). */
    final Map<Kind, Map<String, String>> acknowledged = new ConcurrentHashMap<>();
    /** Token id → its secret, for the acknowledged tokens. */
    final Map<String, String> tokenSecrets = new ConcurrentHashMap<>();
    /** Document uuid → the file bytes sent for it; attempted files, and those acknowledged (202). */
    final Map<String, byte[]> filesAttempted = new ConcurrentHashMap<>();
    final Set<String> filesAcknowledged = ConcurrentHashMap.newKeySet();

    CrashLedger() {
        for (Kind kind : Kind.values()) {
            attempted.put(kind, new ConcurrentHashMap<>());
            acknowledged.put(kind, new ConcurrentHashMap<>());
        }
    }

    void attempt(Kind kind, String key, String word) {
        attempted.get(kind).put(key, word);
    }

    void acknowledge(Kind kind, String key, String answer) {
        acknowledged.get(kind).put(key, answer);
    }

    int acknowledgedCount() {
        return acknowledged.values().stream().mapToInt(Map::size).sum();
    }
}
