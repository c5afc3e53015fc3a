package nl.vindplaats.portal;

/**
 * One entry of a result list, whatever its kind.
 *
 * @param description  the first sentences, with the query's words marked; null when there is none
 * @param organisation the publisher's name, or null where the list does not know it
 * @param date         a day in Dutch ("15 januari 2025"), with {@code isoDate} for its {@code <time>}
 */
public record ResultItem(Kind kind, String url, Highlight title, Highlight description, String organisation,
                         String detail, String date, String isoDate) {
}
