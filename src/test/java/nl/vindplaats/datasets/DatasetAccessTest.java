package nl.vindplaats.datasets;

import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see a dataset, in-process against the domain rule; CKAN's HTTP tests check the same through the API. */
class DatasetAccessTest {
    private static final String ORG = "https://identifier.overheid.nl/tooi/id/gemeente/gm0518";
    private static final String OTHER = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363";

    private static ApiToken token(String id, Resource scope, Level level) {
        return new ApiToken(id, "test", scope, level, null, Instant.EPOCH, null, null, null);
    }

    private static DatasetAccess.Visibility dataset(String state, boolean isPrivate, String creator) {
        return new DatasetAccess.Visibility("ds-1", ORG, state, isPrivate, creator);
    }

    private static final ApiToken ANYONE = null;
    private static final ApiToken MEMBER = token("m", Resource.organisation(ORG), Level.READ);
    private static final ApiToken EDITOR = token("e", Resource.organisation(ORG), Level.WRITE);
    private static final ApiToken STRANGER = token("s", Resource.organisation(OTHER), Level.ADMIN);
    private static final ApiToken PLATFORM_READER = token("p", Resource.PLATFORM, Level.READ);
    private static final ApiToken OWN_DATASET = token("d", new Resource(Resource.Type.DATASET, "ds-1", ORG), Level.READ);

    @Test
    void anActivePublicDatasetIsSeenByAnyone() {
        DatasetAccess.Visibility open = dataset(DatasetAccess.ACTIVE, false, "e");
        assertThat(open.isPublic()).isTrue();
        for (ApiToken t : new ApiToken[] {null, MEMBER, STRANGER, PLATFORM_READER}) {
            assertThat(DatasetAccess.canSee(t, open)).isTrue();
        }
        assertThat(DatasetAccess.labels(open)).containsExactly("public");
    }

    @Test
    void aPrivateDatasetIsSeenByItsOrganisationItsOwnTokensAndThePlatformOnly() {
        DatasetAccess.Visibility secret = dataset(DatasetAccess.ACTIVE, true, "e");
        assertThat(secret.isPublic()).isFalse();
        assertThat(DatasetAccess.canSee(ANYONE, secret)).isFalse();
        assertThat(DatasetAccess.canSee(STRANGER, secret)).isFalse();
        assertThat(DatasetAccess.canSee(MEMBER, secret)).isTrue();
        assertThat(DatasetAccess.canSee(OWN_DATASET, secret)).isTrue();
        assertThat(DatasetAccess.canSee(PLATFORM_READER, secret)).isTrue();
        assertThat(DatasetAccess.labels(secret)).containsExactly("dataset-ds-1", "member-" + ORG, "creator-e");
    }

    @Test
    void aDraftIsSeenByItsCreatorAndItsEditorsButNotByMembers() {
        DatasetAccess.Visibility draft = dataset(DatasetAccess.DRAFT, false, "m");
        assertThat(draft.isPublic()).isFalse();
        assertThat(DatasetAccess.canSee(MEMBER, draft)).as("the member created it").isTrue();
        assertThat(DatasetAccess.canSee(token("m2", Resource.organisation(ORG), Level.READ), draft)).isFalse();
        assertThat(DatasetAccess.canSee(EDITOR, draft)).isTrue();
        assertThat(DatasetAccess.canSee(ANYONE, draft)).isFalse();
    }

    @Test
    void aDeletedDatasetIsSeenByThoseWhoMayWriteItOnly() {
        DatasetAccess.Visibility deleted = dataset(DatasetAccess.DELETED, false, "m");
        assertThat(DatasetAccess.canSee(MEMBER, deleted)).as("not even its creator, once deleted").isFalse();
        assertThat(DatasetAccess.canSee(EDITOR, deleted)).isTrue();
        assertThat(DatasetAccess.canSee(STRANGER, deleted)).isFalse();
        assertThat(DatasetAccess.canSee(PLATFORM_READER, deleted)).isTrue();
    }

    @Test
    void theSearchLabelsOfAPrivateDatasetMatchTheCallersThatMaySeeIt() {
        DatasetAccess.Visibility secret = dataset(DatasetAccess.ACTIVE, true, "x");
        List<String> labels = DatasetAccess.labels(secret);
        for (ApiToken t : new ApiToken[] {null, MEMBER, STRANGER, OWN_DATASET}) {
            boolean labelled = new Caller(t).labels().stream().anyMatch(labels::contains);
            assertThat(labelled).as("token " + (t == null ? "none" : t.id())).isEqualTo(DatasetAccess.canSee(t, secret));
        }
    }
}
