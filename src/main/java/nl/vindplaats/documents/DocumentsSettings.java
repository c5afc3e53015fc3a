package nl.vindplaats.documents;

import nl.vindplaats.base.Setting;

import java.util.List;

/**
 * What an operator sets for the documents' APIs.
 *
 * @param maxDocumentBytes the largest file a delivery (or a harvest, or a CKAN resource upload) accepts
 * @param openDataSource   the name of the open data source that holds every public document of the instance
 * @param sitemapPageSize  documents per DiWoo sitemap, 1 to {@link nl.vindplaats.documents.diwoo.WooSitemaps#MAX_PAGE_SIZE}
 */
public record DocumentsSettings(long maxDocumentBytes, String openDataSource, int sitemapPageSize) {
    /** PLOOI's limit for one delivered file: 2 GiB. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 2L * 1024 * 1024 * 1024;
    /** The name of the open data source that holds every public document of the instance. */
    public static final String DEFAULT_OPEN_DATA_SOURCE = "rijksoverheid";
    /** Documents per DiWoo sitemap: 10,000 leaves each entry 5 KB of the sitemaps protocol's 50 MB per file. */
    public static final int DEFAULT_SITEMAP_PAGE_SIZE = 10_000;

    /** What an operator sets: flags and environment variables of {@code serve}, applied to {@link #defaults()}. */
    public static final List<Setting<DocumentsSettings, ?>> SETTINGS = List.of(
            new Setting<>("--max-document-bytes", "VINDPLAATS_MAX_DOCUMENT_BYTES",
                    String.valueOf(DEFAULT_MAX_DOCUMENT_BYTES), Long.class,
                    "Largest file delivered to the PLOOI delivery API; larger ones get 413",
                    DocumentsSettings::withMaxDocumentBytes),
            new Setting<>("--open-data-source", "VINDPLAATS_OPEN_DATA_SOURCE", DEFAULT_OPEN_DATA_SOURCE, String.class,
                    "Name of the open data source holding every public document, as in /v1/sources/{source}/documents",
                    (s, name) -> new DocumentsSettings(s.maxDocumentBytes, name, s.sitemapPageSize)),
            new Setting<>("--sitemap-page-size", "VINDPLAATS_SITEMAP_PAGE_SIZE",
                    String.valueOf(DEFAULT_SITEMAP_PAGE_SIZE), Integer.class, "Documents per DiWoo sitemap, 1 to 10,000",
                    DocumentsSettings::withSitemapPageSize));

    public static DocumentsSettings defaults() {
        return new DocumentsSettings(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_OPEN_DATA_SOURCE, DEFAULT_SITEMAP_PAGE_SIZE);
    }

    public DocumentsSettings withMaxDocumentBytes(long bytes) {
        return new DocumentsSettings(bytes, openDataSource, sitemapPageSize);
    }

    public DocumentsSettings withSitemapPageSize(int documents) {
        return new DocumentsSettings(maxDocumentBytes, openDataSource, documents);
    }
}
