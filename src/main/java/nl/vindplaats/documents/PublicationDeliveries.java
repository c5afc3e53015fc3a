package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The write path that every way in shares: how a delivered publication's first version is stored, how a version is
 * recorded, and what kind of file arrived. A PLOOI delivery ({@code documents.plooi}), the DiWoo harvest
 * ({@code documents.diwoo}) and the generated corpus ({@link DocumentCorpus}) store through these, so a document reads
 * back the same whichever way it came.
 */
public final class PublicationDeliveries {
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    private PublicationDeliveries() {
    }

    /**
     * Version 1 of a delivered document: the validated metadata with its pid and openbaarmakingsdatum, published
     * from {@code visibleFrom} (null: at once). Static so that the DiWoo harvest and the generated corpus
     * ({@link DocumentCorpus}) store exactly what a PLOOI delivery stores.
     */
    public static StoredPublication delivered(ObjectNode metadata, String pid, Instant now, Instant visibleFrom,
                                              String session) {
        ObjectNode stored = PlooiMetadataMapping.throughModel(metadata, pid, day(now));
        return StoredPublication.delivered(stored, Documents.PUBLISHED, visibleFrom,
                version(1, Documents.DELIVERY, null, session, now));
    }

    /** The day an instant falls on in the Netherlands: the openbaarmakingsdatum of what is published then. */
    public static String day(Instant now) {
        return LocalDate.ofInstant(now, NETHERLANDS).toString();
    }

    /** A version of a document: its number, cause, time, process id and, if given, reason. */
    public static StoredPublication.Version version(long number, String cause, PublicationMetadata.Concept reason,
                                                    String session, Instant at) {
        return new StoredPublication.Version(number, cause, at, session, reason);
    }

    /** Reads the first bytes to tell a PDF from a ZIP, then rewinds. */
    public static String sniff(InputStream in) throws IOException {
        in.mark(8);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length == 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
            return PublicationFile.PDF;
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return PublicationFile.ZIP;
        }
        return null;
    }
}
