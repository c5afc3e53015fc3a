package nl.vindplaats.documents;

/**
 * A publication's file: its name, media type and size, and the path (on this instance) it is downloaded from.
 */
public record PublicationFile(String name, String mediaType, long size, String sha256, String downloadPath) {
    /** The two kinds of file a publication has: a PDF, or a ZIP of several files. */
    public static final String PDF = "application/pdf";
    public static final String ZIP = "application/zip";
}
