package nl.vindplaats.documents;

import java.time.Instant;

/**
 * One version of a publication: its number (null for a withdrawal, which PLOOI does not number), its cause
 * (aanlevering, wijziging, intrekking, herpublicatie), the reason given for it (a label of the list
 * redenen-intrekking-vervanging or free text; null for none) and when it was made.
 */
public record PublicationVersion(Long number, String cause, String reason, Instant at) {
    /** Where a stored version keeps its reason (and a client may give it): a TOOI URI or free text. */
    public static final String REASON = "redenVerwijderingVervanging";
    /** Where a stored version keeps its cause. */
    public static final String CAUSE = "oorzaak";
}
