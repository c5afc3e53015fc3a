package nl.vindplaats.portal;

/**
 * One entry of a result list, whatever its kind.
 *
 * @param description  the first sentences, with the query's words marked; null when there is none
 * @param organisation the publisher's name, or null where the list does not know it
 * @param date         a day in Dutch ("15 januari 2025"), with {@code isoDate} for its {@code <time>} (the
 *                     template writes the day in the page's language)
 * @param detailLang   the detail's language where it is not the page's (a value list's Dutch label on an
 *                     English page, {@link Texts#dutchValue}), else null
 */
public record ResultItem(Kind kind, String url, Highlight title, Highlight description, String organisation,
                         String detail, String date, String isoDate, String detailLang) {
    public ResultItem(Kind kind, String url, Highlight title, Highlight description, String organisation,
                      String detail, String date, String isoDate) {
        this(kind, url, title, description, organisation, detail, date, isoDate, null);
    }
}
