package nl.vindplaats.datasets.ckan;

import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;
import nl.vindplaats.access.TokenStore;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.CkanSite;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Licenses;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.http.Routes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Site-wide actions: status, help, licences, configuration, and API tokens mapped onto platform tokens. */
final class SiteActions {
    private final CkanSite site;
    private final TokenStore tokens;
    private final Function<String, String> helpOf;

    SiteActions(CkanSite site, TokenStore tokens, Function<String, String> helpOf) {
        this.site = site;
        this.tokens = tokens;
        this.helpOf = helpOf;
    }

    List<Action> actions() {
        return List.of(
                Action.read("status_show", "Returns the site's title, description, URL, default locale, "
                        + "extensions and CKAN API version.", this::statusShow),
                Action.read("help_show", "Returns the documentation of an action. Parameters: name.", this::helpShow),
                Action.read("license_list", "Returns the licences datasets may use.",
                        call -> Licenses.ALL.stream().map(Licenses::dict).toList()),
                Action.read("config_option_list", Level.ADMIN, (ctx, token) -> Resource.PLATFORM,
                        "Lists the runtime-editable configuration options (sysadmin). There are none.",
                        call -> List.of()),
                Action.read("api_token_list", Level.ADMIN, (ctx, token) -> token.scope(), "Lists the API tokens "
                        + "within the caller's scope (id, name, created_at, last_access, expires_at).", this::tokenList),
                Action.write("api_token_create", Level.ADMIN, (ctx, token) -> token.scope(), "Creates an API token "
                        + "with the caller's scope and level. Parameters: name, expires_at (optional ISO time). "
                        + "Returns {token}; the secret is shown only this once.", this::tokenCreate),
                Action.write("api_token_revoke", Level.ADMIN, this::tokenScope, "Revokes an API token. Parameters: "
                        + "jti (the token id) or token (the secret).", this::tokenRevoke));
    }

    private Object statusShow(Call call) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("site_title", site.siteTitle());
        status.put("site_description", site.siteDescription());
        status.put("site_url", site.siteUrl());
        status.put("error_emails_to", null);
        status.put("locale_default", "nl");
        status.put("extensions", List.of("dcat", "dataoverheid"));
        if (!site.hideVersion() || call.caller().sysadmin()) {
            status.put("ckan_version", CkanSite.CKAN_VERSION);
        }
        return status;
    }

    private Object helpShow(Call call) {
        String name = call.required("name");
        String help = helpOf.apply(name);
        if (help == null) {
            throw CkanErrors.notFound("Action function not found");
        }
        return help;
    }

    private Object tokenList(Call call) {
        return tokens.listWithin(call.caller().token().scope()).stream()
                .filter(t -> t.revokedAt() == null)
                .map(t -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("id", t.id());
                    d.put("name", t.name());
                    d.put("user_id", t.createdBy());
                    d.put("created_at", t.createdAt() == null ? null : Datasets.now(t.createdAt()));
                    d.put("last_access", t.lastUsedAt() == null ? null : Datasets.now(t.lastUsedAt()));
                    d.put("expires_at", t.expiresAt() == null ? null : Datasets.now(t.expiresAt()));
                    d.put("scope", t.scope().label());
                    d.put("level", t.level().wireName());
                    return d;
                }).toList();
    }

    private Object tokenCreate(Call call) {
        String name = call.required("name");
        Instant expires = null;
        String raw = call.text("expires_at");
        if (raw != null && !raw.isBlank()) {
            Long millis = Datasets.millis(raw);
            if (millis == null) {
                throw CkanErrors.validation("expires_at", "Date format incorrect");
            }
            expires = Instant.ofEpochMilli(millis);
        }
        ApiToken caller = call.caller().token();
        TokenStore.Issued issued = tokens.create(name, caller.scope(), caller.level(), expires, caller.id());
        Routes.wrote(call.ctx(), caller.scope());
        return Map.of("token", issued.secret());
    }

    private Resource tokenScope(Context ctx, ApiToken token) {
        var data = CkanApi.data(ctx);
        String jti = PackageSchema.text(data, "jti");
        String secret = PackageSchema.text(data, "token");
        var found = jti != null ? tokens.find(jti) : secret != null ? tokens.findBySecret(secret) : java.util.Optional.<ApiToken>empty();
        if (jti == null && secret == null) {
            throw CkanErrors.validation("token", "Either token or jti parameter must be provided");
        }
        return found.orElseThrow(() -> CkanErrors.notFound("Token was not found")).scope();
    }

    private Object tokenRevoke(Call call) {
        String jti = call.text("jti");
        ApiToken token = (jti != null ? tokens.find(jti) : tokens.findBySecret(call.text("token"))).orElseThrow();
        tokens.revoke(token.id());
        return null;
    }
}
