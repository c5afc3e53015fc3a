package nl.vindplaats.datasets;

import nl.vindplaats.search.Condition;
import nl.vindplaats.search.QuerySyntax;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CKAN's fielded query syntax (Solr's standard parser) over our index: the dataset fields a query may name, and
 * what they hold, for {@link QuerySyntax}: full-text fields analysed as Dutch text, exact-value fields matched as
 * they are, and the number fields (dates) as ranges such as {@code metadata_modified:[2024-01-01T00:00:00Z TO NOW]}.
 */
public final class SolrSyntax implements QuerySyntax.Fields {
    private static final SolrSyntax FIELDS = new SolrSyntax();
    private static final Pattern NOW = Pattern.compile("NOW(?:([+-])(\\d+)(DAYS?|HOURS?|MINUTES?|YEARS?|MONTHS?))?(?:/DAY)?");

    private SolrSyntax() {
    }

    /** The text as a condition; a text that does not parse is CKAN's Search Query Error. */
    public static Condition query(String text) {
        try {
            return QuerySyntax.parse(text, FIELDS);
        } catch (QuerySyntax.Invalid e) {
            throw CkanErrors.searchQuery(text);
        }
    }

    private static String plain(String field) {
        return field.startsWith(Datasets.PREFIX) ? field.substring(Datasets.PREFIX.length()) : field;
    }

    @Override
    public String defaultField() {
        return Datasets.f("text");
    }

    @Override
    public boolean analysed(String indexField) {
        return Datasets.TEXT_FIELDS.contains(plain(indexField));
    }

    @Override
    public boolean numeric(String named) {
        return Datasets.NUMBER_FIELDS.contains(plain(named));
    }

    /** The index field for a field named in a query; refuses names the index does not have. */
    @Override
    public String indexField(String named) {
        String field = plain(named);
        if (field.equals("*") || Datasets.TEXT_FIELDS.contains(field) || Datasets.KEYWORD_FIELDS.contains(field)
                || Datasets.NUMBER_FIELDS.contains(field) || Donl.DATASET_FIELDS.contains(field)
                || field.startsWith("extras_")) {
            return Datasets.f(field);
        }
        throw new QuerySyntax.UnknownField(field);
    }

    /** A count, or a date as epoch millis: ISO instants, dates, and Solr's NOW with simple arithmetic. */
    @Override
    public long number(String named, String text) {
        String field = plain(named);
        if (!field.startsWith("metadata_")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + text);
            }
        }
        Matcher now = NOW.matcher(text.toUpperCase(java.util.Locale.ROOT));
        if (now.matches()) {
            Instant at = Instant.now();
            if (now.group(1) != null) {
                long amount = Long.parseLong(now.group(2)) * (now.group(1).equals("-") ? -1 : 1);
                String unit = now.group(3);
                at = unit.startsWith("DAY") ? at.plus(amount, ChronoUnit.DAYS)
                        : unit.startsWith("HOUR") ? at.plus(amount, ChronoUnit.HOURS)
                        : unit.startsWith("MINUTE") ? at.plus(amount, ChronoUnit.MINUTES)
                        : unit.startsWith("MONTH") ? at.atOffset(ZoneOffset.UTC).plusMonths(amount).toInstant()
                        : at.atOffset(ZoneOffset.UTC).plusYears(amount).toInstant();
            }
            return at.toEpochMilli();
        }
        Long millis = Datasets.millis(text);
        if (millis != null) {
            return millis;
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: " + text);
        }
    }
}
