package nl.vindplaats.documents;

/**
 * A publication's file: its name, media type and size, and the path (on this instance) it is downloaded from.
 */
public record PublicationFile(String name, String mediaType, long size, String sha256, String downloadPath) {
}
