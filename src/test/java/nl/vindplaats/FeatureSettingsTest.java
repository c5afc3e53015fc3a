package nl.vindplaats;

import nl.vindplaats.blobs.ObjectStoreSettings;
import nl.vindplaats.blobs.S3BlobStore;
import nl.vindplaats.datasets.CkanSite;
import nl.vindplaats.documents.DocumentsSettings;
import nl.vindplaats.http.ServerSettings;
import nl.vindplaats.notify.NotificationSettings;
import nl.vindplaats.platform.Config;
import nl.vindplaats.register.RegisterSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options of {@code serve} derived from the settings records: their defaults, and their values applied. */
class FeatureSettingsTest {

    private static CommandLine.Model.CommandSpec serve(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "serve";
        System.arraycopy(args, 0, line, 1, args.length);
        return new CommandLine(new Main()).parseArgs(line).subcommand().commandSpec();
    }

    private static RegisterSettings register(String... args) {
        return Main.FeatureSettings.read(serve(args), RegisterSettings.SETTINGS, RegisterSettings.defaults());
    }

    @Test
    void theCoreSettingsKeepTheirDefaultsAndTakeTheirFlags() {
        assertThat(System.getenv()).doesNotContainKeys("VINDPLAATS_MAX_REQUEST_BYTES", "VINDPLAATS_RATE_LIMIT_PER_TOKEN",
                "VINDPLAATS_RATE_LIMIT_PER_ADDRESS", "VINDPLAATS_SHUTDOWN_GRACE_SECONDS", "VINDPLAATS_MIN_FREE_DISK_MB",
                "VINDPLAATS_INDEX_SNAPSHOT_MINUTES", "VINDPLAATS_INDEX_SNAPSHOT_AFTER_CHANGES",
                "VINDPLAATS_INSTANCE_ORGANISATION_NAME");
        Config defaults = Config.defaults(Path.of("data"));
        CommandLine.Model.CommandSpec none = serve();
        Config derived = Main.FeatureSettings.read(none, defaults);
        assertThat(derived.server().maxRequestBytes()).isEqualTo(defaults.server().maxRequestBytes());
        assertThat(derived.server().rateLimitPerToken()).isEqualTo(defaults.server().rateLimitPerToken());
        assertThat(derived.server().rateLimitPerAddress()).isEqualTo(defaults.server().rateLimitPerAddress());
        assertThat(derived.server().shutdownGrace()).isEqualTo(defaults.server().shutdownGrace());
        assertThat(derived.instance().minFreeDiskBytes()).isEqualTo(defaults.instance().minFreeDiskBytes());
        assertThat(derived.index().snapshotInterval()).isEqualTo(defaults.index().snapshotInterval());
        assertThat(derived.index().snapshotAfterChanges()).isEqualTo(defaults.index().snapshotAfterChanges());
        assertThat(derived.instanceOrganisationNameOrDefault()).isEqualTo("Vindplaats");

        CommandLine.Model.CommandSpec given = serve("--max-request-bytes=5", "--rate-limit-per-token=7",
                "--rate-limit-per-address=0", "--shutdown-grace-seconds=3", "--min-free-disk-mb=2",
                "--index-snapshot-minutes=-1", "--index-snapshot-after-changes=9", "--instance-organisation-name=Gemeente");
        Config set = Main.FeatureSettings.read(given, defaults);
        assertThat(set.server().maxRequestBytes()).isEqualTo(5);
        assertThat(set.server().rateLimitPerToken()).isEqualTo(7);
        assertThat(set.server().rateLimitPerAddress()).isZero();
        assertThat(set.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(set.instance().minFreeDiskBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(set.index().snapshotInterval()).isZero();
        assertThat(set.index().snapshotAfterChanges()).isEqualTo(9);
        assertThat(set.instance().organisationName()).isEqualTo("Gemeente");
    }

    @Test
    void theServiceAddressAndItsSurroundingsAreSettingsToo() {
        assertThat(System.getenv()).doesNotContainKeys("VINDPLAATS_PORT", "VINDPLAATS_PUBLIC_BASE_URL",
                "VINDPLAATS_INSTANCE_ORGANISATION_URI", "VINDPLAATS_SHARED_RATE_LIMITS", "VINDPLAATS_TRUSTED_PROXIES",
                "VINDPLAATS_PORTAL_THEME_CSS");
        Config defaults = Config.defaults(Path.of("data"));
        Config derived = Main.FeatureSettings.read(serve(), defaults);
        assertThat(derived.server().port()).isEqualTo(ServerSettings.DEFAULT_PORT);
        assertThat(derived.server().publicBaseUrl()).isNull();
        assertThat(derived.instance().organisationUri()).isNull();
        assertThat(derived.server().sharedRateLimits()).isFalse();
        assertThat(derived.server().trustedProxies()).isEmpty();
        assertThat(derived.portal().themeCss()).isNull();

        Config set = Main.FeatureSettings.read(serve("--port=9", "--public-base-url=https://x.nl",
                "--instance-organisation-uri=https://x.nl/org", "--shared-rate-limits",
                "--trusted-proxies=10.0.0.0/8,192.168.1.1/32", "--portal-theme-css=huisstijl.css"), defaults);
        assertThat(set.server().port()).isEqualTo(9);
        assertThat(set.server().publicBaseUrl()).isEqualTo("https://x.nl");
        assertThat(set.instance().organisationUri()).isEqualTo("https://x.nl/org");
        assertThat(set.server().sharedRateLimits()).isTrue();
        assertThat(set.server().trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.1/32");
        assertThat(set.portal().themeCss()).isEqualTo(Path.of("huisstijl.css"));
    }

    @Test
    void theDocumentsAndTheWebhooksTakeTheirFlags() {
        assertThat(System.getenv()).doesNotContainKeys("VINDPLAATS_MAX_DOCUMENT_BYTES", "VINDPLAATS_OPEN_DATA_SOURCE",
                "VINDPLAATS_SITEMAP_PAGE_SIZE", "VINDPLAATS_WEBHOOKS_ALLOW_INTERNAL_ADDRESSES");
        assertThat(Main.FeatureSettings.read(serve(), DocumentsSettings.SETTINGS, DocumentsSettings.defaults()))
                .isEqualTo(new DocumentsSettings(2147483648L, "rijksoverheid", 10_000));
        assertThat(Main.FeatureSettings.read(serve("--max-document-bytes=100", "--open-data-source", "gemeente",
                "--sitemap-page-size=2"), DocumentsSettings.SETTINGS, DocumentsSettings.defaults()))
                .isEqualTo(new DocumentsSettings(100, "gemeente", 2));
        assertThat(Main.FeatureSettings.read(serve(), NotificationSettings.SETTINGS, NotificationSettings.defaults()))
                .isEqualTo(NotificationSettings.defaults());
        assertThat(Main.FeatureSettings.read(serve("--webhooks-allow-internal-addresses"), NotificationSettings.SETTINGS,
                NotificationSettings.defaults())).isEqualTo(NotificationSettings.defaults().withAllowPrivateAddresses(true));
    }

    @Test
    void withoutFlagsTheRegisterKeepsItsDefaults() {
        // As long as the test's environment sets none of the register's variables.
        assertThat(System.getenv()).doesNotContainKeys("VINDPLAATS_REGISTER_REFETCH_HOURS",
                "VINDPLAATS_REGISTER_PROBE_MINUTES", "VINDPLAATS_REGISTER_ALLOW_INTERNAL_ADDRESSES");
        assertThat(register()).isEqualTo(RegisterSettings.defaults());
    }

    @Test
    void flagsAreAppliedToTheRegistersSettings() {
        RegisterSettings given = register("--register-allow-internal-addresses", "--register-refetch-hours=2",
                "--register-probe-minutes", "5", "--register-probe-concurrency=3", "--register-probe-down-after=7");
        assertThat(given.allowPrivateAddresses()).isTrue();
        assertThat(given.refetchInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(given.probeInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(given.probeConcurrency()).isEqualTo(3);
        assertThat(given.probeDownAfter()).isEqualTo(7);
        assertThat(given.connectTimeout()).isEqualTo(RegisterSettings.defaults().connectTimeout());
    }

    @Test
    void zeroTurnsRoundsOffAndConcurrencyIsAtLeastOne() {
        RegisterSettings given = register("--register-refetch-hours=0", "--register-probe-minutes=-4",
                "--register-probe-concurrency=0", "--register-probe-down-after=0");
        assertThat(given.refetchInterval()).isZero();
        assertThat(given.probeInterval()).isZero();
        assertThat(given.probeConcurrency()).isEqualTo(1);
        assertThat(given.probeDownAfter()).isEqualTo(1);
    }

    @Test
    void theDemoTheBucketAndTheCkanSiteAreSettingsToo() {
        assertThat(System.getenv()).doesNotContainKeys("VINDPLAATS_DEMO", "VINDPLAATS_DEMO_CORPUS", "VINDPLAATS_S3_BUCKET",
                "VINDPLAATS_S3_ENDPOINT", "VINDPLAATS_S3_REGION", "VINDPLAATS_S3_ACCESS_KEY", "VINDPLAATS_S3_SECRET_KEY",
                "VINDPLAATS_S3_PATH_STYLE", "VINDPLAATS_CKAN_SITE_TITLE", "VINDPLAATS_CKAN_SITE_DESCRIPTION",
                "VINDPLAATS_CKAN_HIDE_VERSION", "VINDPLAATS_CKAN_DEFAULT_SORT", "VINDPLAATS_CKAN_DONL_STRICT");
        Config defaults = Config.defaults(Path.of("data"));
        Config derived = Main.FeatureSettings.read(serve(), defaults);
        assertThat(derived.instance().demo()).isFalse();
        assertThat(derived.instance().demoCorpusSize()).isEqualTo(1000);
        assertThat(derived.instance().objectStore()).isNull();
        assertThat(derived.ckan()).isEqualTo(CkanSite.defaults());

        Config set = Main.FeatureSettings.read(serve("--demo", "--demo-corpus=5", "--s3-bucket= files ",
                "--s3-endpoint=http://minio:9000", "--s3-region=eu-west-1", "--s3-access-key=key",
                "--s3-secret-key=secret", "--s3-path-style", "--ckan-site-title=Data", "--ckan-site-description=Alles",
                "--ckan-hide-version", "--ckan-default-sort=name asc", "--ckan-donl-strict=true"), defaults);
        assertThat(set.instance().demo()).isTrue();
        assertThat(set.instance().demoCorpusSize()).isEqualTo(5);
        assertThat(set.instance().objectStore()).isEqualTo(new S3BlobStore.Location(URI.create("http://minio:9000"),
                "eu-west-1", "files", "key", "secret", true));
        assertThat(set.ckan()).isEqualTo(new CkanSite("Data", "Alles", null, true, "name asc", true));
        // A blank text keeps the CKAN site's default, as an empty environment variable did.
        assertThat(Main.FeatureSettings.read(serve("--ckan-site-title= ", "--ckan-default-sort="), defaults).ckan())
                .isEqualTo(CkanSite.defaults());
    }

    @Test
    void aSwitchGivenBlankKeepsItsDefaultAndOneGivenAnythingButTrueOrFalseIsRefused() {
        // As an environment variable set empty gives it; the CKAN site read its variables so before they were flags.
        Config defaults = Config.defaults(Path.of("data"));
        Config blank = Main.FeatureSettings.read(serve("--ckan-hide-version=", "--ckan-donl-strict= ", "--demo=",
                "--s3-path-style="), defaults);
        assertThat(blank.ckan()).isEqualTo(CkanSite.defaults());
        assertThat(blank.instance().demo()).isFalse();
        assertThat(Main.FeatureSettings.read(serve("--demo=TRUE", "--shared-rate-limits=false"), defaults)
                .instance().demo()).isTrue();
        assertThatThrownBy(() -> serve("--ckan-donl-strict=yes"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("'yes' is not true or false");
    }

    @Test
    void aBlankBucketKeepsTheFilesInTheDataDirectory() {
        Config set = Main.FeatureSettings.read(serve("--s3-bucket= ", "--s3-endpoint=http://minio:9000"),
                Config.defaults(Path.of("data")));
        assertThat(set.instance().objectStore()).isNull();
    }

    @Test
    void aBucketsLocationTurnsIntoItsSettingsAndBack() {
        // Config keeps the bucket as its location, and the command line changes it through these settings.
        S3BlobStore.Location location = new S3BlobStore.Location(URI.create("http://minio:9000"), "eu-west-1", "b",
                "key", "secret", true);
        assertThat(ObjectStoreSettings.of(location).location()).isEqualTo(location);
        assertThat(ObjectStoreSettings.of(null)).isEqualTo(ObjectStoreSettings.defaults());
    }
}
