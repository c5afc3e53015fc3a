package nl.vindplaats.valuelists;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.base.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value lists the service knows: TOOI lists (JSON-LD) and the Woo information categories, read
 * once from the resources under {@code valuelists/} (see ORIGIN.md there). Looks values up, labels
 * them, and resolves historical organisation URIs to the current organisation.
 */
public final class ValueLists {
    // The names of the lists, as used in the public API and by the metadata validation.
    public static final String MINISTERIES = "ministeries";
    public static final String GEMEENTEN = "gemeenten";
    public static final String PROVINCIES = "provincies";
    public static final String WATERSCHAPPEN = "waterschappen";
    public static final String CARIBISCHE_OPENBARE_LICHAMEN = "caribische-openbare-lichamen";
    public static final String OVERIGE_OVERHEIDSORGANISATIES = "overige-overheidsorganisaties";
    public static final String AANVULLENDE_OVERHEIDSORGANISATIES = "aanvullende-overheidsorganisaties";
    public static final String DOCUMENTSOORTEN = "documentsoorten";
    public static final String THEMAS = "themas";
    public static final String TALEN = "talen";
    public static final String BESTANDSTYPEN = "bestandstypen";
    public static final String DOCUMENTHANDELINGEN = "documenthandelingen";
    public static final String DOCUMENTRELATIES = "documentrelaties";
    public static final String REDENEN_INTREKKING_VERVANGING = "redenen-intrekking-vervanging";
    public static final String INFORMATIECATEGORIEEN = "informatiecategorieen";

    /** The lists whose items are government organisations. */
    public static final List<String> ORGANISATION_LISTS = List.of(MINISTERIES, GEMEENTEN, PROVINCIES, WATERSCHAPPEN,
            CARIBISCHE_OPENBARE_LICHAMEN, OVERIGE_OVERHEIDSORGANISATIES, AANVULLENDE_OVERHEIDSORGANISATIES);

    private static final String DIR = "valuelists/";
    private static final String RDF_TYPE = "@type";
    private static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    private static final String RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    private static final String SPECIALIZATION_OF = "http://www.w3.org/ns/prov#specializationOf";
    private static final String TOOI_ONT = "https://identifier.overheid.nl/tooi/def/ont/";
    private static final String HISTORICAL_VERSION = TOOI_ONT + "HistorischeVersie";
    private static final Set<String> ORGANISATION_CLASSES = Set.of("Gemeente", "Ministerie", "Provincie", "Waterschap",
            "CaribischOpenbaarLichaam", "Overheidsorganisatie", "Samenwerkingsorgaan");

    /** How one list is made: its name, title, and the files it is read from. */
    private record Definition(String name, String title, boolean organisations, List<String> files) {
    }

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition(MINISTERIES, "Ministeries (TOOI rwc_ministeries_compleet/1)", true,
                    List.of("rwc_ministeries_compleet_1.json")),
            new Definition(GEMEENTEN, "Gemeenten (TOOI rwc_gemeenten_compleet/4)", true,
                    List.of("rwc_gemeenten_compleet_4.json")),
            new Definition(PROVINCIES, "Provincies (TOOI rwc_provincies_compleet/1)", true,
                    List.of("rwc_provincies_compleet_1.json")),
            new Definition(WATERSCHAPPEN, "Waterschappen (TOOI rwc_waterschappen_compleet/1)", true,
                    List.of("rwc_waterschappen_compleet_1.json")),
            new Definition(CARIBISCHE_OPENBARE_LICHAMEN,
                    "Caribische openbare lichamen (TOOI rwc_caribische_openbare_lichamen_compleet/1)", true,
                    List.of("rwc_caribische_openbare_lichamen_compleet_1.json")),
            new Definition(OVERIGE_OVERHEIDSORGANISATIES,
                    "Overige overheidsorganisaties (TOOI rwc_overige_overheidsorganisaties_compleet/3)", true,
                    List.of("rwc_overige_overheidsorganisaties_compleet_3.json")),
            new Definition(AANVULLENDE_OVERHEIDSORGANISATIES, "Aanvullende overheidsorganisaties van PLOOI", true,
                    List.of("plooi_extra_overheidsorganisaties.json")),
            new Definition(DOCUMENTSOORTEN, "PLOOI documentsoorten (TOOI ccw_plooi_documentsoorten/3 en KSM/1)", false,
                    List.of("ccw_plooi_documentsoorten_3.json", "ccw_plooi_documentsoorten_ksm_1.json",
                            "plooi_documentsoorten_aanvulling.json")),
            new Definition(THEMAS, "Thema's (TOOI TOP-lijst scw_toplijst/1)", false, List.of("scw_toplijst_1.json")),
            new Definition(TALEN, "Talen", false, List.of("talen-v1.json")),
            new Definition(BESTANDSTYPEN, "Bestandstypen", false, List.of("filetypes-v1.json")),
            new Definition(DOCUMENTHANDELINGEN, "PLOOI documenthandelingen", false,
                    List.of("plooi-documenthandelingen-v1.json")),
            new Definition(DOCUMENTRELATIES, "PLOOI documentrelaties (TOOI ccw_plooi_documentrelaties/1)", false,
                    List.of("ccw_plooi_documentrelaties_1.json")),
            new Definition(REDENEN_INTREKKING_VERVANGING,
                    "Redenen intrekking of vervanging (TOOI ccw_plooi_reden_intrekking_of_vervanging/1)", false,
                    List.of("ccw_plooi_reden_intrekking_of_vervanging_1.json")));

    private final Map<String, ValueList> lists;
    private final Map<String, String> categoryOfDocumentsoort;
    private final List<ValueItem> wooCategoriesInOrder;

    private ValueLists(Map<String, ValueList> lists, Map<String, String> categoryOfDocumentsoort,
                       List<ValueItem> wooCategoriesInOrder) {
        this.lists = lists;
        this.categoryOfDocumentsoort = categoryOfDocumentsoort;
        this.wooCategoriesInOrder = wooCategoriesInOrder;
    }

    /** Reads the lists on first use of {@link #shared()}, on a thread of its own. */
    private static final class Shared {
        static final java.util.concurrent.CompletableFuture<ValueLists> READING =
                java.util.concurrent.CompletableFuture.supplyAsync(ValueLists::load,
                        work -> Thread.ofPlatform().name("reading-value-lists").daemon(true).start(work));
    }

    /**
     * The lists, read from the class path once per process (they are part of the build and never change while
     * it runs); the first call starts reading them in the background.
     */
    public static java.util.concurrent.CompletableFuture<ValueLists> shared() {
        return Shared.READING;
    }

    /** Reads every list from the class path. */
    public static ValueLists load() {
        Map<String, ValueList> lists = new LinkedHashMap<>();
        for (Definition d : DEFINITIONS) {
            lists.put(d.name(), readTooi(d));
        }
        List<ValueItem> wooCategories = readWooCategories();
        lists.put(INFORMATIECATEGORIEEN, new ValueList(INFORMATIECATEGORIEEN, "Woo-informatiecategorieën (Woo art. 3.3)",
                DIR + "information_categories.json", wooCategories, Map.of()));
        Map<String, String> categories = new HashMap<>();
        read("documentsoort_informatiecategorie.json").properties().forEach(e -> {
            if (!e.getKey().startsWith("_")) {
                categories.put(e.getKey(), e.getValue().asText());
            }
        });
        return new ValueLists(lists, Map.copyOf(categories), wooCategories);
    }

    public List<ValueList> all() {
        return List.copyOf(lists.values());
    }

    public Optional<ValueList> list(String name) {
        return Optional.ofNullable(lists.get(name));
    }

    /** The item of list {@code name} with this identifier (historical identifiers resolve to the current item). */
    public Optional<ValueItem> find(String name, String identifier) {
        return list(name).flatMap(l -> l.find(identifier));
    }

    /** The government organisation with this TOOI URI, from any organisation list; hv_ URIs give the current one. */
    public Optional<ValueItem> organisation(String identifier) {
        for (String name : ORGANISATION_LISTS) {
            Optional<ValueItem> found = find(name, identifier);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Every organisation of every organisation list (current and ended ones; never historical versions). */
    public List<ValueItem> organisations() {
        List<ValueItem> all = new ArrayList<>();
        for (String name : ORGANISATION_LISTS) {
            all.addAll(lists.get(name).items());
        }
        return all;
    }

    /**
     * The Woo information categories in the order of the law (art. 3.3 lid 1 a-e, lid 2 a-l, then art. 3.1),
     * as the list's {@code order} field gives it; the DiWoo sitemaps number them 001, 002, … in this order.
     */
    public List<ValueItem> wooCategoriesInOrder() {
        return wooCategoriesInOrder;
    }

    /** The Woo information category that a documentsoort determines, if it determines one. */
    public Optional<ValueItem> informatiecategorieOf(String documentsoort) {
        String category = categoryOfDocumentsoort.get(documentsoort);
        return category == null ? Optional.empty() : find(INFORMATIECATEGORIEEN, category);
    }

    private static ValueList readTooi(Definition definition) {
        // JSON-LD as exported by TOOI: one node per subject, but a subject may appear in several nodes.
        Map<String, List<JsonNode>> nodesById = new LinkedHashMap<>();
        String source = null;
        for (String file : definition.files()) {
            for (JsonNode node : read(file)) {
                String id = node.path("@id").asText();
                nodesById.computeIfAbsent(id, k -> new ArrayList<>()).add(node);
                if (types(node).contains("http://www.w3.org/2002/07/owl#Ontology") && source == null) {
                    source = id;
                }
            }
        }
        List<ValueItem> items = new ArrayList<>();
        Map<String, String> historical = new HashMap<>();
        nodesById.forEach((id, nodes) -> {
            Set<String> types = new java.util.HashSet<>();
            nodes.forEach(n -> types.addAll(types(n)));
            if (definition.organisations()) {
                if (types.contains(HISTORICAL_VERSION)) {
                    nodes.stream().map(n -> n.path(SPECIALIZATION_OF).path(0).path("@id").asText(null))
                            .filter(java.util.Objects::nonNull).findFirst()
                            .ifPresent(current -> historical.put(id, current));
                } else if (types.stream().anyMatch(t -> t.startsWith(TOOI_ONT)
                        && ORGANISATION_CLASSES.contains(t.substring(TOOI_ONT.length())))) {
                    labelOf(nodes, RDFS_LABEL).ifPresent(label -> items.add(new ValueItem(id, label)));
                }
            } else if (types.contains(SKOS + "Concept")) {
                labelOf(nodes, SKOS + "prefLabel").or(() -> labelOf(nodes, SKOS + "altLabel"))
                        .ifPresent(label -> items.add(new ValueItem(id, label)));
            }
        });
        return new ValueList(definition.name(), definition.title(),
                source != null ? source : DIR + definition.files().getFirst(), items, historical);
    }

    /** The Woo categories sorted by their {@code order} field. */
    private static List<ValueItem> readWooCategories() {
        List<JsonNode> rows = new ArrayList<>();
        read("information_categories.json").forEach(row -> rows.add(row.path("fields")));
        rows.sort(java.util.Comparator.comparingInt(fields -> fields.path("order").asInt()));
        return rows.stream().map(fields -> new ValueItem(fields.path("identifier").asText(),
                fields.path("naam").asText())).toList();
    }

    private static Set<String> types(JsonNode node) {
        Set<String> types = new java.util.HashSet<>();
        node.path(RDF_TYPE).forEach(t -> types.add(t.asText()));
        return types;
    }

    /** The Dutch value of a label property, else one without language, else any. */
    private static Optional<String> labelOf(List<JsonNode> nodes, String property) {
        String any = null;
        String plain = null;
        for (JsonNode node : nodes) {
            for (JsonNode value : node.path(property)) {
                String text = value.path("@value").asText("").strip();
                if (text.isEmpty()) {
                    continue;
                }
                String language = value.path("@language").asText("");
                if (language.equals("nl")) {
                    return Optional.of(text);
                }
                if (language.isEmpty() && plain == null) {
                    plain = text;
                }
                if (any == null) {
                    any = text;
                }
            }
        }
        return Optional.ofNullable(plain != null ? plain : any);
    }

    private static JsonNode read(String file) {
        try (InputStream in = ValueLists.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing value list resource " + DIR + file);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
