package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.DutchVocabulary;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The read benchmark's corpus of PLOOI deliveries (issue 4): document {@code i} is always the same
 * (a random generator seeded with {@link #SEED} and {@code i}), so every run loads the same corpus.
 * Publishers are real TOOI organisations (ministries most often, then municipalities, provinces, water
 * boards, other bodies), documentsoorten and thema's come from the PLOOI/TOOI value lists, a Woo
 * category is given or derived as a delivery does, titles and descriptions are Dutch words of
 * {@link DutchVocabulary}, and deliveries are spread evenly over ten years, oldest first.
 *
 * <p>Each generated delivery goes through the delivery API's own validation ({@link MetadataValidator})
 * and becomes a record with {@link PublicationDeliveries#delivered} and {@link Documents#firstVersion}: exactly
 * the record a {@code POST /metadata} stores, only written in bulk ({@link RecordStore#createAll}). The demo
 * ({@code serve --demo}) adds a generated PDF to each ({@code DemoCorpus} in platform).
 */
public final class DocumentCorpus {
    public static final long SEED = 20261125L;
    public static final Instant FIRST = Instant.parse("2016-11-25T08:00:00Z");
    public static final Instant LAST = Instant.parse("2026-11-24T18:00:00Z");

    private final int size;
    private final ValueLists lists;
    private final DutchVocabulary words;
    private final List<ValueItem> ministries;
    private final List<ValueItem> municipalities;
    private final List<ValueItem> provinces;
    private final List<ValueItem> waterBoards;
    private final List<ValueItem> otherBodies;
    private final List<ValueItem> documentsoorten;
    private final List<ValueItem> themas;
    private final List<ValueItem> categories;
    private final List<ValueItem> handelingen;

    public DocumentCorpus(int size, ValueLists lists, DutchVocabulary words) {
        this.size = size;
        this.lists = lists;
        this.words = words;
        this.ministries = items(ValueLists.MINISTERIES);
        this.municipalities = items(ValueLists.GEMEENTEN);
        this.provinces = items(ValueLists.PROVINCIES);
        this.waterBoards = items(ValueLists.WATERSCHAPPEN);
        this.otherBodies = items(ValueLists.OVERIGE_OVERHEIDSORGANISATIES);
        this.documentsoorten = items(ValueLists.DOCUMENTSOORTEN);
        this.themas = items(ValueLists.THEMAS);
        this.categories = items(ValueLists.INFORMATIECATEGORIEEN);
        this.handelingen = items(ValueLists.DOCUMENTHANDELINGEN);
    }

    public int size() {
        return size;
    }

    /** When document {@code i} was delivered: evenly over ten years, in order. */
    public Instant deliveredAt(int i) {
        long span = Duration.between(FIRST, LAST).toMillis();
        return FIRST.plusMillis(span * i / Math.max(1, size - 1));
    }

    /** Its store id (a UUID, as a delivery gets). */
    public static String uuid(int i) {
        return UUID.nameUUIDFromBytes(("vindplaats-bench-document-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The metadata a publication system delivers for document {@code i} (PLOOI's JSON, not yet validated). */
    public ObjectNode metadata(int i) {
        SplittableRandom r = new SplittableRandom(SEED * 1_000_003L + i);
        ValueItem publisher = publisher(r);
        ValueItem soort = pick(r, documentsoorten);
        Instant delivered = deliveredAt(i);
        LocalDate created = LocalDate.ofInstant(delivered.minus(Duration.ofDays(r.nextInt(120))), ZoneOffset.UTC);

        ObjectNode metadata = Json.object();
        ObjectNode d = metadata.putObject("document");
        d.put("creatiedatum", created.toString());
        coded(d.putObject("publisher"), publisher);
        // Mostly the publisher itself; sometimes a ministry answers for an executive body.
        coded(d.putObject("verantwoordelijke"), r.nextInt(10) == 0 ? pick(r, ministries) : publisher);
        coded(d.putObject("opsteller"), publisher);
        d.putArray("identifiers").add("https://publicaties.example.nl/" + slug(publisher.label()) + "/" + i);
        d.putObject("language").put("id", "http://publications.europa.eu/resource/authority/language/NLD")
                .put("label", "Nederlands");
        String title = capital(soort.label()) + " " + words.sentence(r, 3, 9).toLowerCase(Locale.ROOT);
        d.putObject("titelcollectie").put("officieleTitel", title);
        d.putArray("omschrijvingen").add(words.text(r, 15 + r.nextInt(45)));
        ObjectNode classification = d.putObject("classificatiecollectie");
        coded(classification.putArray("documentsoorten").addObject(), soort);
        ArrayNode themaList = classification.putArray("themas");
        int themaCount = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
        List<ValueItem> chosen = new ArrayList<>();
        while (chosen.size() < themaCount) {
            ValueItem thema = pick(r, themas);
            if (!chosen.contains(thema)) {
                chosen.add(thema);
                coded(themaList.addObject(), thema);
            }
        }
        // A delivery names its Woo category when its documentsoort does not decide it (about half do).
        if (lists.informatiecategorieOf(soort.identifier()).isEmpty() && r.nextBoolean()) {
            coded(classification.putArray("informatiecategorieen").addObject(), pick(r, categories));
        }
        d.putObject("format").put("id", "http://publications.europa.eu/resource/authority/file-type/PDF")
                .put("label", "PDF");
        d.putArray("onderwerpen").add(words.sentence(r, 2, 5));
        ObjectNode handeling = d.putArray("documenthandelingen").addObject();
        coded(handeling.putObject("soortHandeling"), pick(r, handelingen));
        handeling.put("atTime", created.atTime(9 + r.nextInt(8), r.nextInt(60)).toInstant(ZoneOffset.UTC).toString());
        coded(handeling.putObject("wasAssociatedWith"), publisher);
        return metadata;
    }

    /**
     * Writes documents {@code from} (inclusive) to {@code to} into the store in transactions of
     * {@code batch}; the store's clock is set to each batch's delivery moment, so "lastmodified" spreads
     * over ten years as it would have. Generation and validation of the next batch run while the
     * current one is written.
     */
    public void load(RecordStore store, java.util.function.Consumer<Instant> clock, MetadataValidator validator,
                     String baseUrl,
                     int from, int to, int batch, java.util.function.IntConsumer progress) {
        IntFunction<List<NewVersion>> generate = start -> IntStream.range(start, Math.min(to, start + batch))
                .parallel().mapToObj(i -> record(i, validator, baseUrl, deliveredAt(start))).toList();
        CompletableFuture<List<NewVersion>> next = CompletableFuture.supplyAsync(() -> generate.apply(from));
        for (int start = from; start < to; start += batch) {
            List<NewVersion> records = next.join();
            int following = start + batch;
            next = following < to ? CompletableFuture.supplyAsync(() -> generate.apply(following)) : null;
            clock.accept(deliveredAt(start));
            store.createAll(records);
            progress.accept(Math.min(to, start + batch));
        }
    }

    /** Document {@code i} as the record a delivery at {@code at} stores. */
    public NewVersion record(int i, MetadataValidator validator, String baseUrl, Instant at) {
        StoredPublication document = publication(i, validator, baseUrl, at);
        return Documents.firstVersion(uuid(i), document.publisher(), document);
    }

    /** Document {@code i} as a delivery at {@code at} stores it. */
    public StoredPublication publication(int i, MetadataValidator validator, String baseUrl, Instant at) {
        MetadataValidator.Result result = validator.validate(metadata(i));
        if (!result.valid()) {
            throw new IllegalStateException("generated document " + i + " is invalid: " + result.errors());
        }
        return PublicationDeliveries.delivered(result.metadata(), baseUrl + Documents.PID_BASE + "/documenten/"
                + uuid(i), at, null, UUID.nameUUIDFromBytes(("session-" + i).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    private ValueItem publisher(SplittableRandom r) {
        int kind = r.nextInt(100);
        if (kind < 40) {
            return pick(r, ministries);
        } else if (kind < 75) {
            return pick(r, municipalities);
        } else if (kind < 83) {
            return pick(r, provinces);
        } else if (kind < 88) {
            return pick(r, waterBoards);
        }
        return pick(r, otherBodies);
    }

    /** Skewed towards the first items, as real publications are (a few kinds and publishers dominate). */
    private static ValueItem pick(SplittableRandom r, List<ValueItem> items) {
        return items.get((int) (items.size() * Math.pow(r.nextDouble(), 1.6)));
    }

    private List<ValueItem> items(String list) {
        return lists.list(list).orElseThrow().items();
    }

    private static void coded(ObjectNode node, ValueItem item) {
        node.put("id", item.identifier()).put("label", item.label());
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
