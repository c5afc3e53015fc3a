package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.DutchVocabulary;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The CKAN read benchmark's corpus (issue 5): dataset {@code i} is always the same DCAT-AP-DONL
 * dataset (seeded with {@link #SEED} and {@code i}): a TOOI organisation as owner, authority and
 * publisher, one or two themes of data.overheid.nl's theme hierarchy, a DONL licence, Dutch title,
 * notes and tags from {@link #vocabulary()}, one to four resources in common file formats, and
 * creation and modification moments over ten years.
 *
 * <p>Each generated data dict goes through package_create's own schema ({@link PackageSchema#validate},
 * as a sysadmin) and is stored as the record package_create stores ({@link Datasets#newVersion}), in
 * bulk with {@link RecordStore#createAll}. The organisations must exist: start the service once on the
 * data directory first (it creates every TOOI organisation).
 */
public final class DatasetCorpus {
    public static final long SEED = 20261126L;
    /** Compounds after the 384 real words: a vocabulary of about 100,000 words, as real text of this size has. */
    static final int COMPOUNDS = 100_000;
    static final Instant FIRST = Instant.parse("2016-11-25T08:00:00Z");
    static final Instant LAST = Instant.parse("2026-11-24T18:00:00Z");
    private static final String EU = "http://publications.europa.eu/resource/authority/";
    /** Formats with their media types, the common ones first. */
    private static final String[][] FORMATS = {{"CSV", "text/csv"}, {"JSON", "application/json"},
            {"XML", "application/xml"}, {"PDF", "application/pdf"}, {"XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, {"GEOJSON", "application/geo+json"},
            {"ZIP", "application/zip"}, {"HTML", "text/html"}, {"GML", "application/gml+xml"},
            {"ODS", "application/vnd.oasis.opendocument.spreadsheet"}, {"SHP", "application/x-shapefile"},
            {"RDF_TURTLE", "text/turtle"}};
    /** Open DONL licences mostly, as on data.overheid.nl; non-public or unavailable datasets may be closed. */
    private static final List<String> OPEN_LICENSES = List.of(
            "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
            "http://creativecommons.org/licenses/by/4.0/deed.nl",
            "http://creativecommons.org/publicdomain/mark/1.0/deed.nl",
            "http://creativecommons.org/licenses/by/3.0/deed.nl",
            "http://creativecommons.org/licenses/by-sa/4.0/deed.nl");
    private static final List<String> FREQUENCIES = List.of("ANNUAL", "MONTHLY", "IRREG", "QUARTERLY", "WEEKLY",
            "DAILY", "NEVER", "CONT");

    private final int size;
    private final DutchVocabulary words;
    private final List<ValueItem> organisations;
    private final List<String> themes;

    public DatasetCorpus(int size, ValueLists lists, DutchVocabulary words) {
        this.size = size;
        this.words = words;
        List<ValueItem> orgs = new ArrayList<>();
        // Municipalities publish most datasets on data.overheid.nl, then provinces, ministries and others.
        for (String list : List.of(ValueLists.GEMEENTEN, ValueLists.PROVINCIES, ValueLists.MINISTERIES,
                ValueLists.WATERSCHAPPEN, ValueLists.OVERIGE_OVERHEIDSORGANISATIES)) {
            orgs.addAll(lists.list(list).orElseThrow().items());
        }
        this.organisations = List.copyOf(orgs);
        // Sub-themes and top themes of the hierarchy, in a fixed order.
        Set<String> all = new java.util.TreeSet<>(Donl.topThemes());
        this.themes = List.copyOf(new java.util.TreeSet<>(themesOfHierarchy(all)));
    }

    private static Set<String> themesOfHierarchy(Set<String> topThemes) {
        Set<String> out = new LinkedHashSet<>(topThemes);
        try (var in = Donl.class.getClassLoader().getResourceAsStream("dcat/donl_hierarchy_theme.json")) {
            Json.MAPPER.readTree(in).fieldNames().forEachRemaining(out::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The words the corpus is written in (its query words are drawn from the same list). */
    public static DutchVocabulary vocabulary() {
        return DutchVocabulary.load().withCompounds(COMPOUNDS);
    }

    public int size() {
        return size;
    }

    Instant createdAt(int i) {
        return FIRST.plusMillis(Duration.between(FIRST, LAST).toMillis() * i / Math.max(1, size - 1));
    }

    public static String id(int i) {
        return UUID.nameUUIDFromBytes(("vindplaats-bench-dataset-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The data dict a CKAN client sends to package_create for dataset {@code i}. */
    public ObjectNode dataDict(int i) {
        SplittableRandom r = new SplittableRandom(SEED * 1_000_003L + i);
        ValueItem org = organisations.get((int) (organisations.size() * Math.pow(r.nextDouble(), 1.8)));
        String title = words.sentence(r, 3, 8);
        if (title.length() > 90) {
            title = title.substring(0, 90).strip();
        }
        ObjectNode d = Json.object();
        d.put("id", id(i));
        d.put("name", (title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                + "-" + i).replaceAll("^-", ""));
        d.put("title", title);
        d.put("notes", words.text(r, 20 + r.nextInt(60)));
        d.put("owner_org", org.identifier());
        d.put("identifier", "https://data.vindplaats.example/dataset/" + id(i));
        d.put("metadata_language", EU + "language/NLD");
        d.putArray("language").add(EU + "language/NLD");
        ArrayNode theme = d.putArray("theme");
        String first = themes.get((int) (themes.size() * Math.pow(r.nextDouble(), 1.3)));
        theme.add(first);
        if (r.nextInt(3) == 0) {
            String second = themes.get(r.nextInt(themes.size()));
            if (!second.equals(first)) {
                theme.add(second);
            }
        }
        Instant modified = createdAt(i).plus(Duration.ofDays(r.nextInt(60)));
        d.put("modified", LocalDateTime.ofInstant(modified, ZoneOffset.UTC).withNano(0).toString());
        d.put("authority", org.identifier()).put("publisher", org.identifier());
        d.put("contact_point_name", "Team open data " + org.label());
        d.put("contact_point_email", "opendata@" + slug(org.label()) + ".example.nl");
        boolean open = r.nextInt(20) != 0;
        d.put("license_id", open ? OPEN_LICENSES.get((int) (OPEN_LICENSES.size() * Math.pow(r.nextDouble(), 2)))
                : "http://standaarden.overheid.nl/owms/terms/geslotenlicentie");
        d.put("access_rights", EU + "access-right/" + (open ? "PUBLIC" : "RESTRICTED"));
        d.put("dataset_status", "http://data.overheid.nl/status/" + (r.nextInt(15) == 0 ? "gepland" : "beschikbaar"));
        d.put("frequency", EU + "frequency/" + FREQUENCIES.get(r.nextInt(FREQUENCIES.size())));
        d.put("high_value", r.nextInt(25) == 0);
        ArrayNode tags = d.putArray("tags");
        Set<String> tagNames = new LinkedHashSet<>();
        int tagCount = 1 + r.nextInt(6);
        while (tagNames.size() < tagCount) {
            tagNames.add(words.word(r));
        }
        tagNames.forEach(t -> tags.addObject().put("name", t));
        ArrayNode resources = d.putArray("resources");
        int resourceCount = 1 + (int) (4 * Math.pow(r.nextDouble(), 2));
        for (int k = 0; k < resourceCount; k++) {
            String[] format = FORMATS[(int) (FORMATS.length * Math.pow(r.nextDouble(), 1.7))];
            resources.addObject()
                    .put("url", "https://data.vindplaats.example/" + id(i) + "/" + k + "." + format[0].toLowerCase(Locale.ROOT))
                    .put("name", capital(words.sentence(r, 2, 5)) + " (" + format[0] + ")")
                    .put("description", words.text(r, 8 + r.nextInt(20)))
                    .put("format", EU + "file-type/" + format[0])
                    .put("media_type", "https://www.iana.org/assignments/media-types/" + format[1])
                    .put("size", 1_000 + r.nextInt(50_000_000));
        }
        return d;
    }

    /**
     * Validates and stores datasets {@code 0..size-1} in transactions of {@code batch}, creation moments
     * over ten years (the store's clock and package_create's "now" are each batch's moment).
     */
    public void load(RecordStore store, java.util.function.Consumer<Instant> clock, Organisations organisations,
                     int batch,
                     IntConsumer progress) {
        // The index is not opened: the loader writes the store only, and `vindplaats reindex` builds the
        // index afterwards. Nothing below reads the index (names, organisations and groups come from the store).
        Datasets datasets = new Datasets(store, null);
        PackageSchema schema = new PackageSchema(datasets, organisations, new Groups(store), false);
        Caller sysadmin = new Caller(new ApiToken("bench", "bulk load", Resource.PLATFORM, Level.ADMIN, null,
                FIRST, null, null, null));
        IntFunction<List<NewVersion>> generate = start -> IntStream.range(start, Math.min(size, start + batch))
                .parallel().mapToObj(i -> Datasets.newVersion(
                        schema.validate(dataDict(i), null, sysadmin, createdAt(start)), "package_create"))
                .toList();
        CompletableFuture<List<NewVersion>> next = CompletableFuture.supplyAsync(() -> generate.apply(0));
        for (int start = 0; start < size; start += batch) {
            List<NewVersion> records = next.join();
            int following = start + batch;
            next = following < size ? CompletableFuture.supplyAsync(() -> generate.apply(following)) : null;
            clock.accept(createdAt(start));
            store.createAll(records);
            progress.accept(Math.min(size, start + batch));
        }
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
