package nl.vindplaats.documents;

import java.time.Instant;

/**
 * One version of a publication: its number (null for a withdrawal, which PLOOI does not number), its cause
 * (aanlevering, wijziging, intrekking, herpublicatie), the reason given for it (a label of the list
 * redenen-intrekking-vervanging or free text; null for none) and when it was made.
 */
public record PublicationVersion(Long number, String cause, String reason, Instant at) {
    /** PLOOI's name of a version's reason (a client may give it; the PLOOI API shows it): a TOOI URI or free text. */
    public static final String REASON = "redenVerwijderingVervanging";
    /** PLOOI's name of a version's cause. */
    public static final String CAUSE = "oorzaak";
}
