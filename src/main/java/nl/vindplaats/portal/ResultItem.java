package nl.vindplaats.portal;

/**
 * One entry of a result list, whatever its kind.
 *
 * @param organisation the publisher's name, or null where the list does not know it
 * @param date         a day in Dutch ("15 januari 2025"), with {@code isoDate} for its {@code <time>}
 */
public record ResultItem(Kind kind, String url, Highlight title, String description, String organisation,
                         String detail, String date, String isoDate) {
}
