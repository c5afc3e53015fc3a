package nl.vindplaats.datasets;

import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Who calls, in CKAN's terms: anonymous, a sysadmin (a platform-admin token), or a user whose token
 * is scoped to an organisation (read = member, write = editor, admin = admin) or to one dataset.
 */
public record Caller(ApiToken token) {
    static final Caller ANONYMOUS = new Caller(null);

    public boolean anonymous() {
        return token == null;
    }

    public boolean sysadmin() {
        return token != null && token.scope().type() == Resource.Type.PLATFORM && token.level() == Level.ADMIN;
    }

    /** A platform-scoped token reads everything, as a sysadmin does. */
    public boolean seesEverything() {
        return token != null && token.scope().type() == Resource.Type.PLATFORM;
    }

    String userId() {
        return token == null ? null : token.id();
    }

    boolean memberOf(String organisationId) {
        return token != null && organisationId != null && token.allows(Resource.organisation(organisationId), Level.READ);
    }

    public boolean may(Resource resource, Level level) {
        return token != null && token.allows(resource, level);
    }

    /** The permission labels (see {@link Datasets#labels}) of the datasets this caller may see. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add("public");
        if (token != null) {
            labels.add("creator-" + token.id());
            switch (token.scope().type()) {
                case ORGANISATION -> labels.add("member-" + token.scope().id());
                case DATASET -> labels.add("dataset-" + token.scope().id());
                default -> {
                }
            }
        }
        return labels;
    }
}
