package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.bench.CrashLedger.Kind;
import nl.vindplaats.testing.ChildService;
import nl.vindplaats.testing.TestService;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static nl.vindplaats.bench.CrashBench.DATASET_ORG;
import static nl.vindplaats.bench.CrashBench.DEN_HAAG;
import static nl.vindplaats.bench.CrashBench.PLOOI;
import static nl.vindplaats.bench.CrashBench.get;

/**
 * After a restart: every acknowledged write of the {@link CrashLedger} readable by its id through its own API (a
 * document's file with the bytes sent), found by its unique word through that API's search, and per kind what
 * search lists of our records equal to what the store holds of the attempted ones. Tokens are not in the search
 * index: they are checked in the token list and by using their secret. Collects problems instead of stopping at the
 * first, and returns one table row per kind.
 */
final class CrashChecks {
    /** Counts are over all rounds so far; "stored without acknowledgement" were in flight at a kill. */
    static final String HEADER = """
            | round | kind | attempted | acknowledged | stored without acknowledgement | attempted, not stored \
            | in the store | listed by search | found by its word | index lag | |
            |---|---|---|---|---|---|---|---|---|---|---|""";
    private static final int READERS = 8;
    private final ChildService service;
    private final CrashLedger ledger;
    private final String writeToken;
    private final String template;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    CrashChecks(ChildService service, CrashLedger ledger, String writeToken, String template) {
        this.service = service;
        this.ledger = ledger;
        this.writeToken = writeToken;
        this.template = template;
    }

    List<String> problems() {
        return problems;
    }

    List<String> run(int round) {
        long lag = TestService.json(get(service, "/health")).path("checks").path("index").path("lag").asLong(-1);
        if (lag != 0) {
            problems.add("index lag after restart " + lag);
        }
        return List.of(documents(round, lag), datasets(round, lag), apis(round, lag), tokens(round, lag));
    }

    private String documents(int round, long lag) {
        Set<String> listed = new HashSet<>();
        for (int start = 0; ; start += 100) {
            JsonNode page = TestService.json(get(service, PLOOI + "/_zoek?publisher=" + enc(DEN_HAAG) + "&aantal=100&start=" + start));
            page.path("_embedded").path("resultaten").forEach(r -> listed.add(lastSegment(r.path("_links").path("self").path("href").asText())));
            if (start + 100 >= page.path("totaal").asLong()) {
                break;
            }
        }
        Map<String, String> acknowledged = Map.copyOf(ledger.acknowledged.get(Kind.DOCUMENT));
        Set<String> inStore = ConcurrentHashMap.newKeySet();
        AtomicInteger found = new AtomicInteger();
        AtomicInteger filesSame = new AtomicInteger();
        AtomicInteger unacknowledgedFilesStored = new AtomicInteger();
        parallel(acknowledged.entrySet(), e -> {
            String identifier = e.getKey();
            String uuid = e.getValue();
            HttpResponse<String> shown = get(service, PLOOI + "/metadata/" + uuid);
            if (shown.statusCode() == 200 && shown.body().contains(identifier)) {
                inStore.add(uuid);
            } else {
                problems.add("acknowledged document " + identifier + " (" + uuid + "): " + shown.statusCode());
            }
            String word = ledger.attempted.get(Kind.DOCUMENT).get(identifier);
            if (get(service, PLOOI + "/_zoek?publisher=" + enc(DEN_HAAG) + "&q=" + word).body().contains(uuid)) {
                found.incrementAndGet();
            } else {
                problems.add("document " + uuid + " not found by its word " + word);
            }
            byte[] sent = ledger.filesAttempted.get(uuid);
            if (sent != null) {
                HttpResponse<byte[]> file = CrashBench.getBytes(service, PLOOI + "/documenten/" + uuid);
                boolean same = file.statusCode() == 200 && Arrays.equals(file.body(), sent);
                if (ledger.filesAcknowledged.contains(uuid)) {
                    if (same) {
                        filesSame.incrementAndGet();
                    } else {
                        problems.add("acknowledged file of " + uuid + ": " + file.statusCode() + ", "
                                + file.body().length + " bytes, not the " + sent.length + " sent");
                    }
                } else if (same) {
                    unacknowledgedFilesStored.incrementAndGet();
                } else if (file.statusCode() != 404) {
                    problems.add("unacknowledged file of " + uuid + " answered " + file.statusCode() + " with other bytes");
                }
            }
        });
        // An attempt without an answer: delivering it again asks the store (a repeated identifier gives the stored
        // document, 200); a 201 means it was not stored, and from now on it is, acknowledged.
        int storedUnacknowledged = 0;
        int notStored = 0;
        for (Map.Entry<String, String> attempt : Map.copyOf(ledger.attempted.get(Kind.DOCUMENT)).entrySet()) {
            if (acknowledged.containsKey(attempt.getKey())) {
                continue;
            }
            HttpResponse<String> again = CrashBench.post(service, PLOOI + "/metadata",
                    CrashBench.document(template, attempt.getKey(), attempt.getValue()), "Aanlever-Token", writeToken);
            String uuid = again.headers().firstValue("Location").map(CrashChecks::lastSegment).orElse("?");
            if (again.statusCode() == 200) {
                inStore.add(uuid);
                storedUnacknowledged++;
            } else if (again.statusCode() == 201) {
                notStored++;
            } else {
                problems.add("re-delivery of " + attempt.getKey() + ": " + again.statusCode() + " " + again.body());
                continue;
            }
            ledger.acknowledge(Kind.DOCUMENT, attempt.getKey(), uuid);
        }
        compare("documents", listed, inStore);
        return row(round, lag, "documents (PLOOI, with PDF)", ledger.attempted.get(Kind.DOCUMENT).size(),
                acknowledged.size(), storedUnacknowledged, notStored, inStore.size(), listed.size(), found.get(),
                "files: " + filesSame.get() + " acknowledged, same bytes; " + unacknowledgedFilesStored.get()
                        + " unacknowledged stored");
    }

    private String datasets(int round, long lag) {
        Set<String> listed = new HashSet<>();
        for (int start = 0; ; start += 1000) {
            JsonNode result = TestService.json(get(service, "/api/3/action/package_search?fq=organization:" + DATASET_ORG
                    + "&rows=1000&start=" + start)).path("result");
            result.path("results").forEach(d -> listed.add(d.path("name").asText()));
            if (start + 1000 >= result.path("count").asLong()) {
                break;
            }
        }
        Map<String, String> attempted = Map.copyOf(ledger.attempted.get(Kind.DATASET));
        Set<String> acknowledged = Set.copyOf(ledger.acknowledged.get(Kind.DATASET).keySet());
        Set<String> inStore = ConcurrentHashMap.newKeySet();
        AtomicInteger found = new AtomicInteger();
        parallel(attempted.entrySet(), e -> {
            String name = e.getKey();
            HttpResponse<String> shown = get(service, "/api/3/action/package_show?id=" + name);
            if (shown.statusCode() == 200) {
                inStore.add(name);
            } else if (acknowledged.contains(name) || shown.statusCode() != 404) {
                problems.add("dataset " + name + (acknowledged.contains(name) ? " (acknowledged)" : "") + ": "
                        + shown.statusCode());
            }
            if (acknowledged.contains(name)) {
                String found1 = get(service, "/api/3/action/package_search?q=" + e.getValue()).body();
                if (found1.contains("\"name\":\"" + name + "\"")) {
                    found.incrementAndGet();
                } else {
                    problems.add("dataset " + name + " not found by its word " + e.getValue());
                }
            }
        });
        compare("datasets", listed, inStore);
        return row(round, lag, "datasets (CKAN package_create)", attempted.size(), acknowledged.size(),
                inStore.size() - acknowledged.size(), attempted.size() - inStore.size(), inStore.size(), listed.size(),
                found.get(), "");
    }

    private String apis(int round, long lag) {
        Set<String> listed = new HashSet<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> r = get(service, "/api-register/v1/apis?perPage=100&page=" + page);
            TestService.json(r).forEach(a -> {
                if (a.path("id").asText().startsWith("kraak-")) {
                    listed.add(a.path("id").asText());
                }
            });
            if (page >= Integer.parseInt(r.headers().firstValue("Total-Pages").orElse("1"))) {
                break;
            }
        }
        Map<String, String> attempted = Map.copyOf(ledger.attempted.get(Kind.API));
        Set<String> acknowledged = Set.copyOf(ledger.acknowledged.get(Kind.API).keySet());
        Set<String> inStore = ConcurrentHashMap.newKeySet();
        AtomicInteger found = new AtomicInteger();
        parallel(attempted.entrySet(), e -> {
            String id = e.getKey();
            HttpResponse<String> shown = get(service, "/api-register/v1/apis/" + id);
            if (shown.statusCode() == 200) {
                inStore.add(id);
            } else if (acknowledged.contains(id) || shown.statusCode() != 404) {
                problems.add("API " + id + (acknowledged.contains(id) ? " (acknowledged)" : "") + ": " + shown.statusCode());
            }
            if (acknowledged.contains(id)) {
                if (get(service, "/api-register/v1/apis/_search?q=" + e.getValue()).body().contains("\"id\":\"" + id + "\"")) {
                    found.incrementAndGet();
                } else {
                    problems.add("API " + id + " not found by its word " + e.getValue());
                }
            }
        });
        compare("API entries", listed, inStore);
        return row(round, lag, "API entries (register, inline oasBody)", attempted.size(), acknowledged.size(),
                inStore.size() - acknowledged.size(), attempted.size() - inStore.size(), inStore.size(), listed.size(),
                found.get(), "");
    }

    private String tokens(int round, long lag) {
        Map<String, String> listedByName = new HashMap<>();
        for (int page = 1; ; page++) {
            JsonNode list = TestService.json(get(service, "/platform/v1/tokens?pageSize=100&page=" + page,
                    CrashBench.admin(service)));
            list.path("tokens").forEach(t -> listedByName.put(t.path("name").asText(), t.path("id").asText()));
            if (list.path("tokens").isEmpty() || page * 100L >= list.path("total").asLong()) {
                break;
            }
        }
        Map<String, String> attempted = Map.copyOf(ledger.attempted.get(Kind.TOKEN));
        Map<String, String> acknowledged = Map.copyOf(ledger.acknowledged.get(Kind.TOKEN));
        AtomicInteger working = new AtomicInteger();
        parallel(acknowledged.entrySet(), e -> {
            if (!e.getValue().equals(listedByName.get(e.getKey()))) {
                problems.add("acknowledged token " + e.getKey() + " (" + e.getValue() + ") not in the token list");
            }
            int status = get(service, "/platform/v1/organisations/gm0518", "X-API-Key",
                    ledger.tokenSecrets.get(e.getValue())).statusCode();
            if (status == 200) {
                working.incrementAndGet();
            } else {
                problems.add("acknowledged token " + e.getKey() + " does not authenticate: " + status);
            }
        });
        long inStore = attempted.keySet().stream().filter(listedByName::containsKey).count();
        return row(round, lag, "API tokens (platform)", attempted.size(), acknowledged.size(),
                (int) inStore - acknowledged.size(), attempted.size() - (int) inStore, (int) inStore, -1, -1,
                working.get() + " acknowledged secrets authenticate; tokens are not in the search index");
    }

    private void compare(String what, Set<String> listed, Set<String> inStore) {
        Set<String> onlyInStore = new HashSet<>(inStore);
        onlyInStore.removeAll(listed);
        Set<String> onlyListed = new HashSet<>(listed);
        onlyListed.removeAll(inStore);
        if (!onlyInStore.isEmpty() || !onlyListed.isEmpty()) {
            problems.add(what + ": in the store, not listed by search " + onlyInStore + "; listed, not in the store "
                    + onlyListed);
        }
    }

    private static String row(int round, long lag, String kind, int attempted, int acknowledged, int storedUnacknowledged,
                              int notStored, int inStore, int listed, int found, String notes) {
        return String.format("| %d | %s | %,d | %,d | %d | %d | %,d | %s | %s | %d | %s |", round, kind, attempted,
                acknowledged, storedUnacknowledged, notStored, inStore, listed < 0 ? "—" : String.format("%,d", listed),
                found < 0 ? "—" : String.format("%,d", found), lag, notes);
    }

    private void parallel(Collection<? extends Map.Entry<String, String>> items, Consumer<Map.Entry<String, String>> check) {
        try (ExecutorService pool = Executors.newFixedThreadPool(READERS)) {
            for (Map.Entry<String, String> item : items) {
                pool.submit(() -> {
                    try {
                        check.accept(item);
                    } catch (RuntimeException e) {
                        problems.add(item.getKey() + ": " + e);
                    }
                });
            }
        }
    }

    private static String lastSegment(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
