package nl.vindplaats;

import nl.vindplaats.access.api.PlatformApi;
import nl.vindplaats.datasets.ckan.CkanApi;
import nl.vindplaats.documents.plooi.PlooiApi;
import nl.vindplaats.documents.opendata.OpenDataApi;
import nl.vindplaats.platform.Config;
import nl.vindplaats.platform.DataDirLock;
import nl.vindplaats.base.FileTree;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Setting;
import nl.vindplaats.platform.InstanceSettings;
import nl.vindplaats.platform.Progress;
import nl.vindplaats.platform.Vindplaats;
import nl.vindplaats.register.RegisterApi;
import nl.vindplaats.register.v1.RegisterImport;
import nl.vindplaats.valuelists.ValueListApi;
import nl.vindplaats.valuelists.ValueLists;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code vindplaats} command line.
 *
 * <p>Over 400 lines because every command of the command line is declared here, each with the checks it makes before
 * it touches a data directory; the serve options themselves are declared as data in settings records and turned
 * into options here ({@link FeatureSettings}).
 */
@Command(name = "vindplaats", mixinStandardHelpOptions = true, version = "vindplaats 0.1.0",
        description = "Where Dutch government organisations publish their APIs, datasets and documents.",
        subcommands = {Main.Serve.class, Main.Reindex.class, Main.Import.class, Main.Check.class, BlobsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a command refused before it did anything (bad usage, a held or missing data directory). */
    static final int REFUSED = 2;
    /** {@link #REFUSED} as a constant that {@link JavaVersionCheck} inlines, so it need not load this class. */
    static final int REFUSED_BEFORE_START = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The service needs the value lists; reading them (1.5 MB) overlaps with parsing the command line.
        ValueLists.shared();
        System.exit(exitCode(() -> new CommandLine(new Main()).execute(args)));
    }

    /** What a command that failed unexpectedly exits with, as picocli's own for an exception. */
    static final int FAILED = 1;

    /**
     * The command's exit code, also when it ends in an {@link Error} (which picocli passes on): the process must
     * then still exit, not wait for the service's remaining non-daemon threads with its port and data directory held.
     */
    static int exitCode(java.util.function.IntSupplier command) {
        try {
            return command.getAsInt();
        } catch (Throwable e) {
            e.printStackTrace();
            return FAILED;
        }
    }

    /** Without a command there is nothing to do: the usage, as for any other wrong use. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return REFUSED;
    }

    /** One line on stderr, the command's name first, and {@link #REFUSED}. */
    static int refuse(String command, String message) {
        System.err.println("vindplaats " + command + ": " + message);
        return REFUSED;
    }

    /** Where the state lives, as the options of a command that opens it give it ({@link StoreLocation#SETTINGS}). */
    static StoreLocation storeLocation(CommandLine.Model.CommandSpec spec) {
        return FeatureSettings.read(spec, StoreLocation.SETTINGS,
                StoreLocation.defaults(Path.of(StoreLocation.DEFAULT_DATA_DIR)));
    }

    static boolean sqlite(StoreLocation store) {
        return store.databaseUrl() == null || store.databaseUrl().isBlank();
    }

    /**
     * Why a command that works on an existing installation cannot use this one (null when it can): a
     * mistyped {@code --data-dir} must not silently become a new, empty store.
     */
    static String missingStore(StoreLocation store) {
        Path dataDir = store.dataDir();
        if (!Files.isDirectory(dataDir)) {
            return "no data directory at " + dataDir + " (check --data-dir)";
        }
        Path file = dataDir.resolve(StoreLocation.SQLITE_FILE);
        if (sqlite(store) && !Files.isRegularFile(file)) {
            return "no store in " + dataDir + " (no " + StoreLocation.SQLITE_FILE + "; check --data-dir or --database-url)";
        }
        return null;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, modelTransformer = FeatureSettings.class,
            description = "Run the service until stopped (SIGTERM or Ctrl-C stops it gracefully).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException, IOException {
            Config config = config();
            // Checked before anything is written or a first admin token printed: each failure is one line.
            String themeProblem = Vindplaats.portalThemeProblem(config);
            if (themeProblem != null) {
                return refuse("serve", themeProblem);
            }
            if (config.server().sharedRateLimits() && config.store().databaseUrl() == null) {
                return refuse("serve", "--shared-rate-limits needs PostgreSQL (--database-url): on SQLite there is one node");
            }
            try {
                nl.vindplaats.http.TrustedProxies.of(config.server().trustedProxies());
            } catch (IllegalArgumentException e) {
                System.err.println("--trusted-proxies: " + e.getMessage());
                return 2;
            }
            Path dataDir = config.store().dataDir();
            String unwritable = writableDirectory(dataDir);
            if (unwritable != null) {
                return refuse("serve", unwritable);
            }
            try (DataDirLock lock = DataDirLock.acquire(dataDir, "serve")) {
                int port = config.server().port();
                if (!portFree(port)) {
                    return refuse("serve", "port " + port + " is in use; stop what uses it or choose another with --port");
                }
                return serve(config);
            } catch (DataDirLock.HeldException e) {
                return refuse("serve", e.getMessage());
            }
        }

        /** Every setting as the command line and the environment give it. */
        private Config config() {
            Config config = FeatureSettings.read(spec, Config.defaults(Path.of(StoreLocation.DEFAULT_DATA_DIR)));
            return config.with(config.instance().withAdminToken(System.getenv(InstanceSettings.ADMIN_TOKEN_VARIABLE)));
        }

        private Integer serve(Config config) throws InterruptedException {
            Vindplaats app = Vindplaats.start(config, Clock.systemUTC(), System.out);
            // SIGTERM (docker stop, systemd, Kubernetes) and Ctrl-C ask for a graceful stop, after which we
            // exit 0. Left to the JVM they would run the shutdown hooks and exit with 143 or 130.
            CountDownLatch stopRequested = new CountDownLatch(1);
            for (String name : List.of("TERM", "INT")) {
                Signal.handle(new Signal(name), signal -> stopRequested.countDown());
            }
            // Any other end of the JVM (SIGHUP, System.exit elsewhere) still stops the service properly.
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
            stopRequested.await();
            app.close();
            return 0;
        }

        private static String writableDirectory(Path dir) {
            try {
                Files.createDirectories(dir);
                Files.deleteIfExists(Files.createTempFile(dir, ".write-check", ""));
                return null;
            } catch (java.nio.file.AccessDeniedException e) {
                return "cannot write to the data directory " + dir + " (permission denied); choose another with --data-dir";
            } catch (java.nio.file.FileSystemException e) {
                return "cannot write to the data directory " + dir + " (" + (e.getReason() != null ? e.getReason()
                        : e.getFile()) + "); choose another with --data-dir";
            } catch (IOException e) {
                return "cannot write to the data directory " + dir + " (" + e.getMessage() + "); choose another with --data-dir";
            }
        }

        private static boolean portFree(int port) {
            if (port == 0) {
                return true;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * The options of {@code serve}, declared as data in the settings records ({@link Setting}) that
     * {@link Config#SECTIONS} lists: each becomes a flag with its environment variable and default, and its value is
     * applied to its record.
     */
    static final class FeatureSettings implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            for (Config.Section<?> section : Config.SECTIONS) {
                addOptions(spec, section.settings());
            }
            spec.usageMessage().footer("", InstanceSettings.ADMIN_TOKEN_HELP);
            return spec;
        }

        static void addOptions(CommandLine.Model.CommandSpec spec, List<? extends Setting<?, ?>> settings) {
            for (Setting<?, ?> setting : settings) {
                CommandLine.Model.OptionSpec.Builder option = CommandLine.Model.OptionSpec.builder(setting.flag())
                        .type(setting.type())
                        .paramLabel(setting.paramLabel())
                        .defaultValue(setting.defaultExpression())
                        .description(setting.help());
                if (setting.type() == List.class) {
                    option.auxiliaryTypes(String.class).splitRegex(",");
                }
                if (setting.type() == Boolean.class) {
                    // A switch that also takes its value: --s3-path-style, --s3-path-style=false.
                    option.arity("0..1").converters(switchValue(Boolean.parseBoolean(setting.defaultValue())));
                }
                spec.addOption(option.build());
            }
        }

        /**
         * A switch's value: {@code true} or {@code false}, or blank for its default, since an environment variable
         * set empty (as compose files and scripts write one they leave unset) means none.
         */
        private static CommandLine.ITypeConverter<Boolean> switchValue(boolean byDefault) {
            return text -> {
                if (text.isBlank()) {
                    return byDefault;
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw new CommandLine.TypeConversionException("'" + text + "' is not true or false");
            };
        }

        /** {@code start} with every section's settings as the command line was given them. */
        static Config read(CommandLine.Model.CommandSpec spec, Config start) {
            Config config = start;
            for (Config.Section<?> section : Config.SECTIONS) {
                config = read(spec, section, config);
            }
            return config;
        }

        private static <S> Config read(CommandLine.Model.CommandSpec spec, Config.Section<S> section, Config config) {
            return section.with().apply(config, read(spec, section.settings(), section.of().apply(config)));
        }

        /** {@code start} with the value of each of {@code settings} as the command line was given it. */
        static <S> S read(CommandLine.Model.CommandSpec spec, List<Setting<S, ?>> settings, S start) {
            S result = start;
            for (Setting<S, ?> setting : settings) {
                result = setting.applyTo(result, spec.findOption(setting.flag()).getValue());
            }
            return result;
        }
    }

    /** The options of the commands that open the store but do not serve: where the store is. */
    static final class StoreSettings implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            FeatureSettings.addOptions(spec, StoreLocation.SETTINGS);
            return spec;
        }
    }

    @Command(name = "reindex", mixinStandardHelpOptions = true, modelTransformer = StoreSettings.class,
            description = "Throw the search index away and rebuild it from the store. Stop the service first.")
    static final class Reindex implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            StoreLocation store = storeLocation(spec);
            String missing = missingStore(store);
            if (missing != null) {
                return refuse("reindex", missing);
            }
            Config config = Config.defaults(store.dataDir()).with(store);
            try (DataDirLock lock = DataDirLock.acquire(store.dataDir(), "reindex");
                 Database database = Database.open(store)) {
                RecordStore records = new RecordStore(database, Clock.systemUTC());
                Progress progress = Progress.onStandardError("records indexed", records.countRecords());
                long documents = SearchIndex.rebuild(Vindplaats.indexDir(config), records, Vindplaats.projections(),
                        Vindplaats.INDEX_ORDER, progress::advance);
                progress.finish();
                System.out.println("Rebuilt the search index: " + documents + " documents.");
                return 0;
            } catch (DataDirLock.HeldException e) {
                return refuse("reindex", e.getMessage());
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Start the service with the demo data in a fresh temporary data directory, call each of its "
                    + "APIs over HTTP, then stop it and remove the directory. Exits 1 when an answer is not 200.",
                    "The build runs it to record the classes a start loads in target/vindplaats.jsa, which "
                            + "`java -XX:SharedArchiveFile=target/vindplaats.jsa -jar target/vindplaats.jar serve` reuses."})
    static final class Check implements Callable<Integer> {
        private static final List<String> PATHS = List.of("/health", "/metrics", "/platform/v1/organisations?q=utrecht",
                "/waardelijsten/v1/lists", "/api-register/v1/apis", "/api/3/action/package_search?q=water&facet.field=%5B%22tags%22%5D",
                "/v1/documents?output=json", "/v1/documents?q=besluit&output=json", "/v1/openapi.json", "/robots.txt");

        /** Every OpenAPI document the service serves, by a short name: what generated clients are made from. */
        static final Map<String, String> OPENAPI_DOCUMENTS = new java.util.LinkedHashMap<>(Map.of(
                "ckan", CkanApi.BASE + "/openapi.json", "opendata", OpenDataApi.BASE + "/openapi.json",
                "plooi", PlooiApi.BASE + "/openapi.json", "platform", PlatformApi.BASE + "/openapi.json",
                "register", RegisterApi.BASE + "/openapi.json", "waardelijsten", ValueListApi.BASE + "/openapi.json"));

        @Option(names = "--openapi-dir", paramLabel = "DIR",
                description = "Also write every served OpenAPI document to DIR/<name>.json (the client-check build "
                        + "profile generates clients from them).")
        Path openApiDir;

        @Override
        public Integer call() throws Exception {
            Path dataDir = Files.createTempDirectory("vindplaats-check");
            Config config = Config.defaults(dataDir);
            config = config.with(config.server().withPort(0))
                    .with(config.instance().withDemo(true).withAdminToken(Ids.secret()));
            int failures = 0;
            Vindplaats app = Vindplaats.start(config, Clock.systemUTC(), System.out);
            try (HttpClient client = HttpClient.newHttpClient()) {
                for (String path : PATHS) {
                    URI uri = URI.create("http://localhost:" + app.port() + path);
                    int status = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    System.out.println(status + " GET " + path);
                    failures += status == 200 ? 0 : 1;
                }
                if (openApiDir != null) {
                    Files.createDirectories(openApiDir);
                    for (var document : OPENAPI_DOCUMENTS.entrySet()) {
                        URI uri = URI.create("http://localhost:" + app.port() + document.getValue());
                        HttpResponse<Path> r = client.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofFile(openApiDir.resolve(document.getKey() + ".json")));
                        System.out.println(r.statusCode() + " GET " + document.getValue() + " -> " + r.body());
                        failures += r.statusCode() == 200 ? 0 : 1;
                    }
                }
                app.awaitOwnApisRegistered();
            } finally {
                app.close();
                FileTree.delete(dataDir);
            }
            System.out.println(failures == 0 ? "All answers were 200." : failures + " answers were not 200.");
            return failures == 0 ? 0 : 1;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Load data from files into the store.",
            subcommands = {ImportApiRegister.class})
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(System.err);
            return REFUSED;
        }
    }

    @Command(name = "api-register", mixinStandardHelpOptions = true, modelTransformer = StoreSettings.class,
            description = "Import the entry files (<id>.json) of the first developer.overheid.nl API register. "
                    + "A running service picks the entries up from the change log.")
    static final class ImportApiRegister implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(paramLabel = "DIR", description = "Directory with the register's JSON files.")
        Path dir;

        @Override
        public Integer call() throws IOException {
            StoreLocation store = storeLocation(spec);
            String missing = missingStore(store);
            if (missing != null) {
                return refuse("import api-register", missing);
            }
            if (!Files.isDirectory(dir)) {
                return refuse("import api-register", dir + " is not a directory");
            }
            // With SQLite the records live in the data directory, which a running service holds; PostgreSQL takes
            // writes from several processes, and a running service picks them up from the change log.
            try (DataDirLock lock = sqlite(store) ? DataDirLock.acquire(store.dataDir(), "import") : null;
                 Database database = Database.open(store)) {
                long files;
                try (var listed = Files.list(dir)) {
                    files = listed.filter(p -> p.getFileName().toString().endsWith(".json")).count();
                }
                Progress progress = Progress.onStandardError("files imported", files);
                RegisterImport.Report report = new RegisterImport(new RecordStore(database, Clock.systemUTC()))
                        .importDirectory(dir, progress::advance);
                progress.finish();
                report.invalid().forEach(p -> System.err.println("invalid " + p));
                System.out.println("Imported " + dir + ": " + report + ".");
                return report.invalid().isEmpty() ? 0 : 1;
            } catch (DataDirLock.HeldException e) {
                return refuse("import api-register", e.getMessage());
            }
        }
    }
}
