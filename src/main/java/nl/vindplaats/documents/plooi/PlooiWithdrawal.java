package nl.vindplaats.documents.plooi;

import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.PublicationMetadata;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.PublicationDeliveries;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import nl.vindplaats.base.Ids;
import nl.vindplaats.store.StoredRecord;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Withdrawal in PLOOI's delivery API ({@code DELETE /documenten/{uuid}}, "Intrekken"): the document leaves the
 * public reads, keeping its version number; a new delivery of its metadata publishes it again.
 */
final class PlooiWithdrawal {
    private final Clock clock;
    private final PlooiRequests requests;
    private final PlooiVersions versions;

    PlooiWithdrawal(Clock clock, PlooiRequests requests, PlooiVersions versions) {
        this.clock = clock;
        this.requests = requests;
        this.versions = versions;
    }

    /**
     * PLOOI's deleteDocumentInstance: 200 with an empty body, also when the document was withdrawn already. A reason
     * may come as query parameter or in a JSON body.
     */
    void withdraw(Context ctx) {
        StoredRecord current = ctx.attribute(PlooiApi.RECORD);
        String body = ctx.body();
        JsonNode request = body == null || body.isBlank() ? null : PlooiRequests.parse(body);
        Optional<PublicationMetadata.Concept> reason = versions.take(ctx, request, Set.of(Documents.WITHDRAWAL));
        if (!Documents.WITHDRAWN.equals(current.state())) {
            String session = Ids.uuid();
            StoredPublication stored = StoredPublication.of(current);
            StoredPublication withdrawn = stored.withStatus(Documents.WITHDRAWN)
                    .withVersion(PublicationDeliveries.version(stored.versionNumber(1), Documents.WITHDRAWAL,
                            reason.orElse(null), session, clock.instant()));
            requests.save(current, withdrawn, Documents.WITHDRAWAL);
            ctx.header("X-Session-ID", session);
        }
        ctx.status(200).result("");
    }
}
