package nl.vindplaats.datasets;

import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may see a dataset: the one rule behind CKAN's reads (package_show, the searches' permission labels, resource
 * downloads), the DCAT RDF and the portal. An active dataset that is not private is public; any other is seen by the
 * platform (sysadmin and platform-read tokens), by those who may write it, by its creator while it is a draft, and,
 * while active, by its organisation's members and tokens for the dataset itself (as CKAN's {@code package_show} auth).
 */
public final class DatasetAccess {
    public static final String ACTIVE = "active";
    public static final String DRAFT = "draft";
    public static final String DELETED = "deleted";

    private DatasetAccess() {
    }

    /**
     * The facts about a dataset the rule looks at, in the domain's terms.
     *
     * @param organisationId the owning organisation (its TOOI URI), or null
     * @param state          {@link #ACTIVE}, {@link #DRAFT} or {@link #DELETED}
     * @param creatorId      the id of the token that created it, or null
     */
    public record Visibility(String datasetId, String organisationId, String state, boolean isPrivate,
                             String creatorId) {
        /** Seen by anyone: active and not private. */
        public boolean isPublic() {
            return ACTIVE.equals(state) && !isPrivate;
        }

        Resource resource() {
            return new Resource(Resource.Type.DATASET, datasetId, organisationId);
        }
    }

    /** Whether the holder of {@code token} (null: anyone) may see the dataset. */
    public static boolean canSee(ApiToken token, Visibility dataset) {
        return canSee(new Caller(token), dataset);
    }

    public static boolean canSee(Caller caller, Visibility dataset) {
        if (caller.seesEverything()) {
            return true;
        }
        if (ACTIVE.equals(dataset.state())) {
            return !dataset.isPrivate() || caller.memberOf(dataset.organisationId())
                    || caller.may(dataset.resource(), Level.READ);
        }
        return caller.may(dataset.resource(), Level.WRITE)
                || (DRAFT.equals(dataset.state()) && caller.userId() != null
                && caller.userId().equals(dataset.creatorId()));
    }

    /**
     * The same rule as labels the search index keeps with a dataset (CKAN's permission labels), so that a search
     * filters on it: "public", else the dataset's own, its organisation's members' and its creator's label. A caller's
     * labels ({@link Caller#labels}) are matched against them.
     */
    static List<String> labels(Visibility dataset) {
        if (dataset.isPublic()) {
            return List.of("public");
        }
        List<String> labels = new ArrayList<>();
        labels.add("dataset-" + dataset.datasetId());
        if (dataset.organisationId() != null) {
            labels.add("member-" + dataset.organisationId());
        }
        if (dataset.creatorId() != null) {
            labels.add("creator-" + dataset.creatorId());
        }
        return labels;
    }
}
