package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One type of source ({@code ckan}, {@code dcat}, {@code diwoo}, {@code register}), implemented by the feature whose
 * records it fills. A harvest follows ckanext-harvest's stages: gather the remote identifiers, fetch each record, import
 * it; every record's outcome is reported to the {@link HarvestJob} (created, updated, unchanged, withdrawn or failed with
 * a reason), so that one bad record never fails the run. A failure of the source itself (unreachable, unreadable
 * listing) is a {@link HarvestJob.GatherError}: the run fails and nothing is withdrawn.
 */
public interface Harvester {
    /** The source type this harvester serves, as sources name it. */
    String type();

    /** What is wrong with these options for this type, one sentence each; empty when they are fine. */
    default List<String> optionProblems(ObjectNode options) {
        return List.of();
    }

    void harvest(HarvestJob job) throws HarvestJob.GatherError;
}
