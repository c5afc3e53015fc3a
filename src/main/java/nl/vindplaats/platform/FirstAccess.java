package nl.vindplaats.platform;

import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.access.TokenStore;
import nl.vindplaats.access.api.PlatformApi;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** What a start makes sure of before serving: an admin token, and the TOOI organisations to scope tokens to. */
final class FirstAccess {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAccess.class);

    private FirstAccess() {
    }

    /**
     * The admin token the operator gave ({@code VINDPLAATS_ADMIN_TOKEN}), or else, when the platform has no admin
     * yet, a new one, printed to {@code out} once.
     */
    static void ensureAdminToken(TokenStore tokens, Config config, PrintStream out) {
        if (config.instance().adminToken() != null && !config.instance().adminToken().isBlank()) {
            if (tokens.findBySecret(config.instance().adminToken()).isEmpty()) {
                tokens.createWithSecret("platform admin (VINDPLAATS_ADMIN_TOKEN)", Resource.PLATFORM, Level.ADMIN,
                        null, null, config.instance().adminToken());
            }
            return;
        }
        if (!tokens.anyAdminOfPlatform()) {
            TokenStore.Issued issued = tokens.create("first platform admin", Resource.PLATFORM, Level.ADMIN, null, null);
            out.println("Created the first platform-admin API token. It is shown only this once; keep it safe:");
            out.println();
            out.println("    " + issued.secret());
            out.println();
            out.println("Use it in the X-API-Key header, e.g.: curl -H 'X-API-Key: <token>' "
                    + config.baseUrl() + PlatformApi.BASE + "/tokens");
            out.flush();
        }
    }

    /** Every organisation of the TOOI lists is a platform organisation, so tokens can be scoped to it. */
    static void ensureValueListOrganisations(Organisations organisations, ValueLists valueLists) {
        long started = System.nanoTime();
        List<Organisation> all = valueLists.organisations().stream().map(FirstAccess::organisationOf).toList();
        int created = organisations.createAbsent(all, "value lists");
        if (created > 0) {
            LOG.info("Created {} organisations from the TOOI value lists", created);
        }
        LOG.info("Value-list organisations checked in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Slug = the TOOI organisation code (gm0518, mnre1034, ws0155…): unique, stable and short. */
    private static Organisation organisationOf(ValueItem item) {
        String id = item.identifier();
        return new Organisation(id, item.label(), id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
    }
}
