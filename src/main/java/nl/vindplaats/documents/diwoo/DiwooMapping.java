package nl.vindplaats.documents.diwoo;

import nl.vindplaats.base.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.documents.PublicationMetadata;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.OpenDataDocument;
import nl.vindplaats.documents.PublicationFile;
import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DiWoo metadata of a document ({@code <diwoo:Document>}), mapped from its stored PLOOI metadata so
 * that it validates against {@code diwoo-metadata.xsd} 0.9.8. PLOOI and DiWoo mostly share field names,
 * but not value lists: every coded value is checked against DiWoo's own list ({@link DiwooLists}).
 * A value DiWoo lacks is mapped (the tables below), or, for an organisation that is not a TOOI
 * organisation DiWoo knows, the opsteller becomes {@code naamOpsteller} and any other organisation field
 * is left out; whatever cannot be expressed in DiWoo's fields is kept in {@code diwoo:extraMetadata}
 * under {@link #EXTRA_NAMESPACE}, keyed by its PLOOI field name, so nothing is dropped silently.
 *
 * <p>A document whose publisher, Woo category or every documenthandeling DiWoo cannot express (all
 * are required) cannot be listed: {@link #unlistable} says why.
 *
 * <p>Over 400 lines because it holds one method per DiWoo field group and the tables from PLOOI's value lists to
 * DiWoo's (document types, organisations, formats) beside the rules that use them, so the whole mapping reads in one
 * place (the XML primitives are in {@link DiwooXml}).
 */
public final class DiwooMapping {
    static final String DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/";
    static final String DIWOO = "diwoo";
    /** The namespace of the PLOOI values a DiWoo field cannot hold, in {@code diwoo:extraMetadata}. */
    static final String EXTRA_NAMESPACE = "urn:vindplaats:plooi-metadata";
    static final String EXTRA_PREFIX = "plooi";

    private static final String KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/";
    private static final String TOOI_ID = "https://identifier.overheid.nl/tooi/id/";

    /**
     * PLOOI documentsoort → the DiWoo documentsoort it belongs to, for each PLOOI type that DiWoo's list
     * (ccw_plooi_documentsoorten/7 in the 0.9.8 schema) lacks. Every other PLOOI type (PLOOI's
     * ccw_plooi_documentsoorten/3 and its KSM list) is in DiWoo's list unchanged; {@code DiwooMappingTest}
     * checks both. The original value also goes to extraMetadata ({@code documentsoort}).
     */
    static final Map<String, String> DOCUMENTSOORTEN = Map.of(
            // "aanvraag ex art. 4.1 Woo" (PLOOI's delivery list kern-aanlever-v1): a request under Woo
            // art. 4.1 is a Woo request → "Wob-/Woo-verzoek"
            KERN + "c_8ec8e5e7", KERN + "c_1cf18f83");

    /**
     * PLOOI organisation → the TOOI organisation DiWoo knows it as, for PLOOI's own additions that
     * DiWoo's lists hold under another id. (Historical versions, {@code …/hv_…}, map to their current
     * organisation first, as everywhere in Vindplaats.)
     */
    static final Map<String, String> ORGANISATIONS = Map.of(
            // Sociale Verzekeringsbank: PLOOI's extra list has zbo10000, TOOI's zbo list zb000143
            TOOI_ID + "zbo/zbo10000", TOOI_ID + "zbo/zb000143");

    /** PLOOI's documentrelatie "is bijlage bij": DiWoo says this with {@code isPartOf}. */
    public static final String IS_ATTACHMENT_OF = KERN + "c_4d1ea9ba";

    /** File types of the files PLOOI accepts (PDF, ZIP), in the EU file-type authority. */
    private static final Map<String, String> FILE_TYPES = Map.of(
            PublicationFile.PDF, "http://publications.europa.eu/resource/authority/file-type/PDF",
            PublicationFile.ZIP, "http://publications.europa.eu/resource/authority/file-type/ZIP");

    /** Longest official title in a compact entry (see {@link Detail#COMPACT}). */
    private static final int COMPACT_TITLE = 500;

    /** How much of the metadata an entry carries. */
    enum Detail {
        /** Everything that can be expressed. */
        FULL,
        /**
         * Only what DiWoo requires and what identifies the document (no descriptions, keywords, other
         * titles, identifiers or extraMetadata; a long title shortened): for the rare document whose full
         * entry would not fit its share of a sitemap's 50 MB.
         */
        COMPACT
    }

    private final ValueLists lists;
    private final DiwooLists diwoo;

    DiwooMapping(ValueLists lists, DiwooLists diwoo) {
        this.lists = lists;
        this.diwoo = diwoo;
    }

    /** Why a document cannot be listed; empty when it can. */
    Optional<String> unlistable(StoredRecord record) {
        return unlistable(StoredPublication.of(record).plooiMetadata());
    }

    /** Why a document with this PLOOI metadata cannot be listed; empty when it can. */
    Optional<String> unlistable(ObjectNode plooi) {
        JsonNode doc = plooi.path("document");
        if (organisation(doc.path("publisher")).isEmpty()) {
            return Optional.of("publisher " + doc.path("publisher").path("id").asText("(none)")
                    + " is not an organisation in DiWoo's lists");
        }
        boolean categorised = false;
        for (JsonNode category : doc.path("classificatiecollectie").path("informatiecategorieen")) {
            categorised |= diwoo.contains(DiwooLists.INFORMATIECATEGORIEEN, id(category));
        }
        if (!categorised) {
            return Optional.of("no Woo information category");
        }
        for (JsonNode handeling : doc.path("documenthandelingen")) {
            if (handeling(handeling).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.of("no documenthandeling DiWoo can express");
    }

    /**
     * Writes {@code <diwoo:Document>} with {@code <diwoo:DiWoo>} and any {@code <diwoo:extraMetadata>};
     * call only for a document that is not {@link #unlistable}.
     */
    void write(XMLStreamWriter xml, StoredRecord record, Detail detail) throws XMLStreamException {
        StoredPublication stored = StoredPublication.of(record);
        write(xml, stored, stored.plooiMetadata(), detail);
    }

    /** {@link #write(XMLStreamWriter, StoredRecord, Detail)} of a stored document and its PLOOI metadata. */
    void write(XMLStreamWriter xml, StoredPublication stored, ObjectNode plooi, Detail detail)
            throws XMLStreamException {
        JsonNode root = plooi;
        JsonNode doc = root.path("document");
        boolean full = detail == Detail.FULL;
        Extra extra = new Extra();
        xml.writeStartElement(DIWOO, "Document", DIWOO_NS);
        xml.writeStartElement(DIWOO, "DiWoo", DIWOO_NS);

        String created = doc.path("creatiedatum").asText("");
        Optional<LocalDate> createdDate = date(created);
        createdDate.ifPresentOrElse(d -> DiwooXml.text(xml, "creatiedatum", d.toString()),
                () -> extra.add("creatiedatum", created));
        if (full) {
            DiwooXml.texts(xml, "identifiers", "identifier", doc.path("identifiers"));
        }
        ValueItem publisher = organisation(doc.path("publisher")).orElseThrow();
        DiwooXml.resource(xml, "publisher", publisher.identifier(), publisher.label());
        organisationOrExtra(xml, "verantwoordelijke", doc.path("verantwoordelijke"), extra);
        String naamOpsteller = doc.path("naamOpsteller").asText("");
        JsonNode opsteller = doc.path("opsteller");
        if (!id(opsteller).isEmpty()) {
            Optional<ValueItem> known = organisation(opsteller);
            if (known.isPresent()) {
                DiwooXml.resource(xml, "opsteller", known.get().identifier(), known.get().label());
            } else {
                // Not a TOOI organisation (PLOOI accepts any URI): its name is what DiWoo can hold.
                if (naamOpsteller.isBlank()) {
                    naamOpsteller = OpenDataDocument.organisationLabel(lists, opsteller);
                }
                extra.addCoded("opsteller", opsteller);
            }
        }
        DiwooXml.text(xml, "naamOpsteller", naamOpsteller);
        if (full) {
            DiwooXml.texts(xml, "omschrijvingen", "omschrijving", doc.path("omschrijvingen"));
        }

        JsonNode titles = doc.path("titelcollectie");
        xml.writeStartElement(DIWOO, "titelcollectie", DIWOO_NS);
        String title = titles.path("officieleTitel").asText("");
        if (!full && title.length() > COMPACT_TITLE) {
            title = title.substring(0, COMPACT_TITLE - 1) + "…";
        }
        DiwooXml.element(xml, "officieleTitel", title); // required, even when empty
        if (full) {
            DiwooXml.texts(xml, "verkorteTitels", "verkorteTitel", titles.path("verkorteTitels"));
            DiwooXml.texts(xml, "alternatieveTitels", "alternatieveTitel", titles.path("alternatieveTitels"));
        }
        xml.writeEndElement();

        classification(xml, doc, full, extra);

        coded(xml, "language", doc.path("language"), DiwooLists.TALEN, ValueLists.TALEN, extra);
        format(xml, doc, stored, extra);
        DiwooXml.text(xml, "aggregatiekenmerk", doc.path("aggregatiekenmerk").asText(""));
        validity(xml, doc.path("geldigheid"), extra);
        relations(xml, root.path("documentrelaties"), extra);

        xml.writeStartElement(DIWOO, "documenthandelingen", DIWOO_NS);
        for (JsonNode handeling : doc.path("documenthandelingen")) {
            Optional<Handeling> mapped = handeling(handeling);
            if (mapped.isEmpty()) {
                extra.addCoded("documenthandeling.soortHandeling", handeling.path("soortHandeling"));
                continue;
            }
            xml.writeStartElement(DIWOO, "documenthandeling", DIWOO_NS);
            DiwooXml.resource(xml, "soortHandeling", mapped.get().soort().identifier(), mapped.get().soort().label());
            DiwooXml.element(xml, "atTime", mapped.get().at());
            organisationOrExtra(xml, "wasAssociatedWith", handeling.path("wasAssociatedWith"), extra,
                    "documenthandeling.wasAssociatedWith");
            xml.writeEndElement();
        }
        xml.writeEndElement();

        JsonNode reason = reason(stored);
        if (!id(reason).isEmpty()) {
            coded(xml, "redenVerwijderingVervanging", reason, DiwooLists.REDENEN_VERWIJDERING_VERVANGING,
                    ValueLists.REDENEN_INTREKKING_VERVANGING, extra);
        }
        if (!doc.path("weblocatie").asText("").isBlank()) {
            extra.add("weblocatie", doc.path("weblocatie").asText());
        }
        xml.writeEndElement(); // DiWoo

        if (full) {
            extra.write(xml);
            DiwooXml.delivered(xml, doc.path("extraMetadata"));
        }
        xml.writeEndElement(); // Document
    }

    // --- fields ---

    private void classification(XMLStreamWriter xml, JsonNode doc, boolean full, Extra extra)
            throws XMLStreamException {
        JsonNode classification = doc.path("classificatiecollectie");
        xml.writeStartElement(DIWOO, "classificatiecollectie", DIWOO_NS);
        List<ValueItem> categories = new ArrayList<>();
        for (JsonNode category : classification.path("informatiecategorieen")) {
            known(category, DiwooLists.INFORMATIECATEGORIEEN, ValueLists.INFORMATIECATEGORIEEN)
                    .ifPresentOrElse(categories::add, () -> extra.addCoded("informatiecategorie", category));
        }
        DiwooXml.list(xml, "informatiecategorieen", "informatiecategorie", categories);

        Map<String, ValueItem> types = new LinkedHashMap<>();
        for (JsonNode type : classification.path("documentsoorten")) {
            Optional<ValueItem> known = known(type, DiwooLists.DOCUMENTSOORTEN, ValueLists.DOCUMENTSOORTEN);
            if (known.isPresent()) {
                types.putIfAbsent(known.get().identifier(), known.get());
                continue;
            }
            String target = DOCUMENTSOORTEN.get(id(type));
            if (target != null) {
                types.putIfAbsent(target, new ValueItem(target,
                        diwoo.label(DiwooLists.DOCUMENTSOORTEN, target).orElse("")));
            }
            extra.addCoded("documentsoort", type);
        }
        DiwooXml.list(xml, "documentsoorten", "documentsoort", List.copyOf(types.values()));

        List<ValueItem> themes = new ArrayList<>();
        for (JsonNode theme : classification.path("themas")) {
            known(theme, DiwooLists.THEMAS, ValueLists.THEMAS)
                    .ifPresentOrElse(themes::add, () -> extra.addCoded("thema", theme));
        }
        DiwooXml.list(xml, "themas", "thema", themes);
        if (full) {
            DiwooXml.texts(xml, "trefwoorden", "trefwoord", doc.path("onderwerpen")); // PLOOI's free-text onderwerpen
        }
        xml.writeEndElement();
    }

    /**
     * The type of the file {@code loc} points at, which is what the harvester downloads; a delivered
     * format that says otherwise is kept in extraMetadata.
     */
    /** The current version's reason as PLOOI codes it ({@code id}, {@code label}); missing when none was given. */
    private static JsonNode reason(StoredPublication stored) {
        PublicationMetadata.Concept reason = stored.version() == null ? null : stored.version().reason();
        if (reason == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        ObjectNode coded = Json.object();
        Json.putPresent(coded, "id", reason.uri());
        Json.putPresent(coded, "label", reason.label());
        return coded;
    }

    private void format(XMLStreamWriter xml, JsonNode doc, StoredPublication stored, Extra extra)
            throws XMLStreamException {
        String fileType = FILE_TYPES.get(stored.file() == null || stored.file().mediaType() == null ? ""
                : stored.file().mediaType());
        JsonNode delivered = doc.path("format");
        if (!id(delivered).isEmpty() && !id(delivered).equals(fileType)) {
            extra.addCoded("format", delivered);
        }
        if (fileType != null && diwoo.contains(DiwooLists.FORMATS, fileType)) {
            String label = lists.find(ValueLists.BESTANDSTYPEN, fileType).map(ValueItem::label)
                    .or(() -> diwoo.label(DiwooLists.FORMATS, fileType)).orElse("");
            DiwooXml.resource(xml, "format", fileType, label);
        }
    }

    private void validity(XMLStreamWriter xml, JsonNode validity, Extra extra) throws XMLStreamException {
        Optional<String> from = dateTime(validity.path("begindatum").asText(""));
        Optional<String> to = dateTime(validity.path("einddatum").asText(""));
        for (String field : List.of("begindatum", "einddatum")) {
            String raw = validity.path(field).asText("");
            if (!raw.isBlank() && dateTime(raw).isEmpty()) {
                extra.add("geldigheid." + field, raw);
            }
        }
        if (from.isEmpty() && to.isEmpty()) {
            return;
        }
        xml.writeStartElement(DIWOO, "geldigheid", DIWOO_NS);
        if (from.isPresent()) {
            DiwooXml.element(xml, "begindatum", from.get());
        }
        if (to.isPresent()) {
            DiwooXml.element(xml, "einddatum", to.get());
        }
        xml.writeEndElement();
    }

    /** PLOOI's one documentrelatie: "is bijlage bij" is DiWoo's isPartOf; a role DiWoo lists is a documentrelatie. */
    private void relations(XMLStreamWriter xml, JsonNode relation, Extra extra) throws XMLStreamException {
        String target = relation.path("relation").asText("");
        String role = relation.path("role").asText("");
        if (target.isBlank() || role.isBlank()) {
            return;
        }
        if (role.equals(IS_ATTACHMENT_OF)) {
            DiwooXml.resource(xml, "isPartOf", target, "");
        } else if (diwoo.contains(DiwooLists.DOCUMENTRELATIES, role)) {
            xml.writeStartElement(DIWOO, "documentrelaties", DIWOO_NS);
            xml.writeStartElement(DIWOO, "documentrelatie", DIWOO_NS);
            DiwooXml.resource(xml, "role", role, diwoo.label(DiwooLists.DOCUMENTRELATIES, role).orElse(""));
            DiwooXml.resource(xml, "relation", target, "");
            xml.writeEndElement();
            xml.writeEndElement();
        } else {
            extra.add("documentrelatie.role", role);
            extra.add("documentrelatie.relation", target);
        }
    }

    /** The values DiWoo's fields could not hold, in the order met. */
    private static final class Extra {
        private final List<Map.Entry<String, List<String>>> fields = new ArrayList<>();

        void add(String key, String value) {
            if (!value.isBlank()) {
                fields.add(Map.entry(key, List.of(value)));
            }
        }

        /** A coded value: its URI, then its label when it has one. */
        void addCoded(String key, JsonNode coded) {
            List<String> values = new ArrayList<>();
            values.add(id(coded));
            if (!coded.path("label").asText("").isBlank()) {
                values.add(coded.path("label").asText());
            }
            if (!values.getFirst().isBlank()) {
                fields.add(Map.entry(key, values));
            }
        }

        void write(XMLStreamWriter xml) throws XMLStreamException {
            DiwooXml.extraMetadata(xml, EXTRA_NAMESPACE, EXTRA_PREFIX, fields);
        }
    }

    // --- values ---

    private record Handeling(ValueItem soort, String at) {
    }

    private Optional<Handeling> handeling(JsonNode handeling) {
        Optional<ValueItem> soort = known(handeling.path("soortHandeling"), DiwooLists.SOORTEN_HANDELING,
                ValueLists.DOCUMENTHANDELINGEN);
        Optional<String> at = dateTime(handeling.path("atTime").asText(""));
        return soort.isPresent() && at.isPresent() ? Optional.of(new Handeling(soort.get(), at.get()))
                : Optional.empty();
    }

    /**
     * The organisation as DiWoo knows it: a historical version as its current organisation, then
     * {@link #ORGANISATIONS}; empty when DiWoo's organisation lists do not have it.
     */
    Optional<ValueItem> organisation(JsonNode coded) {
        String uri = id(coded);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        Optional<ValueItem> ours = lists.organisation(uri);
        String current = ours.map(ValueItem::identifier).orElse(uri);
        String mapped = ORGANISATIONS.getOrDefault(current, current);
        if (!diwoo.isOrganisation(mapped)) {
            return Optional.empty();
        }
        String label = ours.map(ValueItem::label).orElse(coded.path("label").asText(""));
        return Optional.of(new ValueItem(mapped, label));
    }

    private void organisationOrExtra(XMLStreamWriter xml, String name, JsonNode coded, Extra extra)
            throws XMLStreamException {
        organisationOrExtra(xml, name, coded, extra, name);
    }

    private void organisationOrExtra(XMLStreamWriter xml, String name, JsonNode coded, Extra extra, String key)
            throws XMLStreamException {
        if (id(coded).isEmpty()) {
            return;
        }
        Optional<ValueItem> known = organisation(coded);
        if (known.isPresent()) {
            DiwooXml.resource(xml, name, known.get().identifier(), known.get().label());
        } else {
            extra.addCoded(key, coded);
        }
    }

    /** A coded value that is in DiWoo's list, labelled from ours (as the open data API labels it). */
    private Optional<ValueItem> known(JsonNode coded, String diwooList, String ourList) {
        String uri = id(coded);
        if (!diwoo.contains(diwooList, uri)) {
            return Optional.empty();
        }
        String label = lists.find(ourList, uri).map(ValueItem::label)
                .or(() -> diwoo.label(diwooList, uri)).orElse(coded.path("label").asText(""));
        return Optional.of(new ValueItem(uri, label));
    }

    private void coded(XMLStreamWriter xml, String name, JsonNode coded, String diwooList, String ourList,
                       Extra extra) throws XMLStreamException {
        if (id(coded).isEmpty()) {
            return;
        }
        Optional<ValueItem> known = known(coded, diwooList, ourList);
        if (known.isPresent()) {
            DiwooXml.resource(xml, name, known.get().identifier(), known.get().label());
        } else {
            extra.addCoded(name, coded);
        }
    }

    private static String id(JsonNode coded) {
        return coded.path("id").asText("");
    }

    /** An xs:date from PLOOI's creatiedatum, which need only start with one. */
    private static Optional<LocalDate> date(String raw) {
        if (raw.length() < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(raw.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An xs:dateTime from a JSON date-time (RFC 3339, which also allows a lower-case t and z). */
    private static Optional<String> dateTime(String raw) {
        if (raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(raw.toUpperCase(java.util.Locale.ROOT))
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
