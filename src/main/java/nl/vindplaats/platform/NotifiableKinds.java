package nl.vindplaats.platform;

import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.ckan.CkanApi;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.opendata.OpenDataApi;
import nl.vindplaats.notify.NotifiableKind;
import nl.vindplaats.register.ApiEntry;
import nl.vindplaats.register.RegisterApi;

import java.util.List;

/** The features' kinds of record as webhooks know them: only the wiring may join the features to notify. */
final class NotifiableKinds {
    private NotifiableKinds() {
    }

    /** The kinds of record whose changes webhook subscriptions hear of, with their address and who may know of them. */
    static List<NotifiableKind> all() {
        return List.of(
                new NotifiableKind(ApiEntry.KIND, "api", r -> RegisterApi.BASE + "/apis/" + r.id(), r -> true,
                        r -> false),
                new NotifiableKind(Datasets.KIND, "dataset", r -> CkanApi.BASE + "/action/package_show?id=" + r.id(),
                        r -> !Datasets.isPrivate(r), r -> "deleted".equals(r.state()), Datasets::ckanDict),
                new NotifiableKind(Documents.KIND, "document", r -> OpenDataApi.BASE + "/documents/" + r.id(),
                        // a withdrawal is news to those who could see the document
                        r -> Documents.publiclyVisible(r, r.modified()) || Documents.WITHDRAWN.equals(r.state()),
                        r -> Documents.WITHDRAWN.equals(r.state())));
    }
}
