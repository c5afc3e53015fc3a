package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A delivered document as the Rijksoverheid open data API shows it: every field of the real
 * single-document responses, mapped from the delivery (PLOOI) model. The field order of this record
 * is the element order of the real XML. The mapping is written down in README.md.
 */
public record OpenDataDocument(String id, String type, String typeid, String subtype, String canonical,
                               String dataurl, String title, List<File> files, String introduction,
                               List<ContentBlock> content, String additionalcontent, List<String> authorities,
                               List<String> creators, List<String> subjects, List<String> subjectids,
                               List<String> themes, List<String> organisationalunits,
                               List<String> organisationalunitids, String lastmodified, String issued,
                               String available, String frontenddate, String initialdate, String license,
                               List<String> rightsholders, List<String> languages, List<String> locations) {

    /** One downloadable file; {@code numberofpages} is 0 when unknown, as in the real API. */
    public record File(String fileurl, String mimetype, long filesize, String filename, String filetitle,
                       long numberofpages, String sha256, Instant received) {
    }

    public record ContentBlock(String paragraphtitle, String paragraph) {
    }

    /** The licence every Rijksoverheid open data document declares; Woo publications are public. */
    public static final String LICENSE = "CC0 1.0 Universal";
    public static final String LOCATION = "Nederland";

    public static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    /** ISO 8601 with milliseconds: "Z" in UTC, "+01:00" in Dutch local time, as the real API writes them. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** EU language authority codes (PLOOI's language list) as the language tags the real API shows. */
    private static final Map<String, String> LANGUAGE_TAGS = Map.of(
            "NLD", "nl-NL", "ENG", "en-GB", "FRY", "fy-NL", "DEU", "de-DE", "FRA", "fr-FR", "PAP", "pap-CW",
            "SPA", "es-ES", "TUR", "tr-TR", "ARA", "ar", "POL", "pl-PL");

    /** Where a document is reached: the public base URL and the source it is read through. */
    public record Links(String baseUrl, String source) {
        String dataurl(String id) {
            return baseUrl + "/v1/sources/" + source + "/documents/" + id;
        }

        /**
         * The document's page on this instance's portal: what the real API's {@code canonical} is, the document's
         * page on the site that publishes it (rijksoverheid.nl), here.
         */
        String page(String id) {
            return baseUrl + "/documenten/" + id;
        }

        String fileurl(String type, LocalDate published, String id, String filename) {
            return baseUrl + binaryPath(source, type, published, id, filename);
        }
    }

    /** The path of a document's file, as served by {@link nl.vindplaats.documents.opendata.OpenDataApi}. */
    static String binaryPath(String source, String type, LocalDate published, String id, String filename) {
        return "/binaries/" + source + "/documenten/" + type + "/" + published.getYear() + "/"
                + two(published.getMonthValue()) + "/" + two(published.getDayOfMonth()) + "/" + id + "/" + filename;
    }

    /**
     * The page count of the delivered PDF, as text extraction found it for this very file; 0 while it is
     * unknown, and for a zip, as the real API gives for its zip files.
     */
    static long numberOfPages(StoredPublication stored) {
        StoredPublication.StoredFile file = stored.file();
        StoredPublication.ExtractedText text = stored.text();
        String fileSha = file == null || file.sha256() == null ? "" : file.sha256();
        boolean sameFile = text != null && fileSha.equals(text.file() == null ? "" : text.file());
        String mime = file == null || file.mediaType() == null ? PublicationFile.PDF : file.mediaType();
        if (!PublicationFile.PDF.equals(mime) || !sameFile) {
            return 0;
        }
        return text.pages() == null ? 0 : text.pages();
    }

    public static OpenDataDocument of(StoredRecord record, Links links, ValueLists lists) {
        return of(record, StoredPublication.of(record), links, lists);
    }

    /** {@link #of(StoredRecord, Links, ValueLists)} of a record whose body was read already. */
    public static OpenDataDocument of(StoredRecord record, StoredPublication stored, Links links, ValueLists lists) {
        ListedDocument listed = ListedDocument.of(record, stored);
        OpenDataDocument item = listItem(listed, links, lists);
        PublicationMetadata m = stored.metadata();
        LocalDate firstPublished = LocalDate.ofInstant(record.created(), NETHERLANDS);
        LocalDate created = date(m.created() == null ? "" : m.created()).orElse(listed.published());

        List<File> files = new ArrayList<>();
        StoredPublication.StoredFile file = stored.file();
        if (file != null) {
            String mime = file.mediaType() == null ? PublicationFile.PDF : file.mediaType();
            String name = fileName(file.name(), listed.title(), record.id(), mime);
            files.add(new File(links.fileurl(item.type(), firstPublished, record.id(), name), mime,
                    file.size(), name, "", numberOfPages(stored), file.sha256() == null ? "" : file.sha256(),
                    file.received() == null ? record.modified() : file.received()));
        }

        String publisher = organisationLabel(lists, m.publisher());
        PublicationMetadata.Concept responsible = m.responsible() != null ? m.responsible() : m.publisher();
        String authority = organisationLabel(lists, responsible);
        String creator = m.author() != null ? organisationLabel(lists, m.author()) : publisher;

        List<String> subjects = new ArrayList<>();
        List<String> subjectIds = new ArrayList<>();
        for (PublicationMetadata.Concept thema : m.themes()) {
            subjects.add(lists.find(ValueLists.THEMAS, uri(thema)).map(ValueItem::label)
                    .orElse(thema.label() == null ? "" : thema.label()));
            subjectIds.add(uri(thema));
        }
        LinkedHashSet<String> units = new LinkedHashSet<>(List.of(publisher, authority));
        LinkedHashSet<String> unitIds = new LinkedHashSet<>(List.of(uri(m.publisher()), uri(responsible)));

        return new OpenDataDocument(item.id(), item.type(), item.typeid(), item.subtype(), item.canonical(),
                item.dataurl(), item.title(), files, item.introduction(), List.of(), "", List.of(authority),
                List.of(creator), subjects, subjectIds, subjects, List.copyOf(units), List.copyOf(unitIds),
                item.lastmodified(), millisUtc(created.atStartOfDay(NETHERLANDS).toInstant()), item.available(),
                item.frontenddate(), item.initialdate(), LICENSE, List.of(publisher),
                List.of(languageTag(uri(m.language()))), item.locations());
    }

    /**
     * A document as the lists show it, from its summary in the index: the list fields are those of
     * {@link #of}; the fields only a detail shows are empty.
     */
    public static OpenDataDocument listItem(ListedDocument listed, Links links, ValueLists lists) {
        String typeLabel = lists.find(ValueLists.DOCUMENTSOORTEN, listed.typeId()).map(ValueItem::label)
                .orElse(listed.typeLabel());
        LocalDate published = listed.published();
        Instant availableAt = published.atStartOfDay(NETHERLANDS).toInstant();
        if (listed.visibleFrom().isAfter(availableAt)) {
            availableAt = listed.visibleFrom();
        }
        String dataurl = links.dataurl(listed.id());
        return new OpenDataDocument(listed.id(), slug(typeLabel), listed.typeId(), "",
                links.page(listed.id()), dataurl, listed.title(), List.of(),
                listed.introduction(), List.of(), "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), millisUtc(listed.modified()), "", millisUtc(availableAt),
                millisUtc(published.atStartOfDay(ZoneOffset.UTC).toInstant()),
                listed.created().atZone(NETHERLANDS).format(MILLIS), "", List.of(), List.of(), List.of(LOCATION));
    }

    private static String organisationLabel(ValueLists lists, PublicationMetadata.Concept coded) {
        return lists.organisation(uri(coded)).map(ValueItem::label)
                .orElse(coded == null || coded.label() == null ? "" : coded.label());
    }

    /** A concept's URI; empty where there is none. */
    private static String uri(PublicationMetadata.Concept concept) {
        return concept == null || concept.uri() == null ? "" : concept.uri();
    }

    public static String organisationLabel(ValueLists lists, JsonNode coded) {
        return lists.organisation(coded.path("id").asText()).map(ValueItem::label)
                .orElse(coded.path("label").asText(""));
    }

    /** A URL- and filter-friendly name: lower case, accents dropped, other characters as single hyphens. */
    public static String slug(String text) {
        String plain = text == null ? "" : text;
        if (!plain.chars().allMatch(c -> c < 128)) { // every list item has a slug: plain ASCII skips the regexes
            plain = Normalizer.normalize(plain, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        }
        StringBuilder slug = new StringBuilder(plain.length());
        boolean gap = false;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower >= 'a' && lower <= 'z' || lower >= '0' && lower <= '9') {
                if (gap && !slug.isEmpty()) {
                    slug.append('-');
                }
                slug.append(lower);
                gap = false;
            } else {
                gap = true;
            }
        }
        return slug.toString();
    }

    public static String millisUtc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).format(MILLIS);
    }

    /** The delivered file name when the delivery named one, else one made from the title. */
    private static String fileName(String given, String title, String id, String mime) {
        String extension = PublicationFile.ZIP.equals(mime) ? ".zip" : ".pdf";
        String delivered = given == null ? "" : given.strip();
        String base = slug(delivered.isEmpty() ? title : delivered.replaceAll("\\.[A-Za-z0-9]{1,5}$", ""));
        if (base.length() > 120) {
            base = base.substring(0, 120).replaceAll("-+$", "");
        }
        return (base.isEmpty() ? id : base) + extension;
    }

    private static String languageTag(String uri) {
        String code = uri.substring(uri.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
        return LANGUAGE_TAGS.getOrDefault(code, code.isEmpty() ? "nl-NL" : code.toLowerCase(Locale.ROOT));
    }

    static Optional<LocalDate> date(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(text.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
