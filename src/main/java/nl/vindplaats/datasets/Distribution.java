package nl.vindplaats.datasets;

import java.util.List;

/**
 * One way of getting a dataset's data (a CKAN resource, a DCAT distribution): where to get it and in what form.
 * Text is held as written, as in {@link Dataset}.
 *
 * @param accessUrl         the resource's URL (a download or a page/service that gives access)
 * @param downloadUrls      direct downloads, where the publisher names them
 * @param uploaded          whether the file is held by this catalogue (its access URL is our download)
 * @param format            the file type, as a concept of the EU file-type list, or null
 * @param mediaType         the IANA media type the publisher gives, or null
 * @param detectedMediaType the media type the catalogue found for the file, or null
 * @param byteSize          the size in bytes as written (digits, as the RDF writes it), or null
 * @param languages         the languages of the data (URIs of the EU language list)
 * @param status            the distribution's status (a URI of the ADMS status list), or null
 */
public record Distribution(String id, String name, String description, String accessUrl, List<String> downloadUrls,
                           boolean uploaded, Dataset.Concept format, String mediaType, String detectedMediaType,
                           Dataset.Concept licence, String byteSize, List<String> languages, String status) {

    public Distribution {
        downloadUrls = List.copyOf(downloadUrls);
        languages = List.copyOf(languages);
    }

    /** The size in bytes, or null when it is not given as a whole number. */
    public Long size() {
        if (byteSize == null || !byteSize.strip().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(byteSize.strip());
    }
}
