package nl.vindplaats.datasets;

import java.util.List;

/**
 * One way of getting a dataset's data (a CKAN resource, a DCAT distribution): where to get it and in what form.
 *
 * @param accessUrl    the resource's URL (a download or a page/service that gives access)
 * @param downloadUrls direct downloads, where the publisher names them
 * @param format       the file type, as a concept of the EU file-type list, or null
 * @param size         size in bytes, or null when not known
 */
public record Distribution(String id, String name, String description, String accessUrl, List<String> downloadUrls,
                           Dataset.Concept format, String mediaType, Dataset.Concept licence, Long size) {
}
