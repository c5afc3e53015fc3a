package nl.vindplaats;

import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.blobs.FileBlobStore;
import nl.vindplaats.blobs.ObjectStoreSettings;
import nl.vindplaats.blobs.S3BlobStore;
import nl.vindplaats.platform.BlobMigration;
import nl.vindplaats.platform.Progress;
import nl.vindplaats.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vindplaats blobs …}: work on the stored files. */
@Command(name = "blobs", mixinStandardHelpOptions = true, description = "Work on the stored files.",
        subcommands = BlobsCommand.Migrate.class)
final class BlobsCommand {

    /** The options of {@code migrate}: the data directory whose files to copy, and the bucket to copy them to. */
    static final class MigrateSettings implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            Main.FeatureSettings.addOptions(spec, List.of(StoreLocation.DATA_DIR));
            Main.FeatureSettings.addOptions(spec, ObjectStoreSettings.SETTINGS);
            return spec;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, modelTransformer = MigrateSettings.class,
            description = {"Copy the files of the data directory to the S3-compatible bucket (--s3-bucket …). "
                    + "Resumable: files already in the bucket with their size are skipped. Each file's SHA-256 is "
                    + "checked before and after the copy. Exits 1 when a local file is damaged (listed).",
                    "The service may keep running meanwhile; restart it with the bucket set once this is done, "
                    + "and run it once more then, for files delivered in between."})
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path dataDir = Main.FeatureSettings.read(spec, List.of(StoreLocation.DATA_DIR),
                    StoreLocation.defaults(Path.of(StoreLocation.DEFAULT_DATA_DIR))).dataDir();
            Path blobs = dataDir.resolve("blobs");
            if (!Files.isDirectory(blobs)) {
                return Main.refuse("blobs migrate", "no files at " + blobs + " (check --data-dir)");
            }
            S3BlobStore.Location location = Main.FeatureSettings.read(spec, ObjectStoreSettings.SETTINGS,
                    ObjectStoreSettings.defaults()).location();
            if (location == null) {
                return Main.refuse("blobs migrate", "no bucket to copy to: set --s3-bucket or VINDPLAATS_S3_BUCKET");
            }
            S3BlobStore to = new S3BlobStore(location, dataDir.resolve("blobs-incoming"));
            try {
                to.ensureBucket();
                BlobMigration migration = new BlobMigration(new FileBlobStore(blobs), to);
                BlobMigration.Outcome outcome = migration.run(Progress.onStandardError("files", migration.count()));
                System.out.println("Copied " + outcome.copied() + " files (" + outcome.bytesCopied() + " bytes) to "
                        + to.describe() + "; " + outcome.skipped() + " were there already.");
                if (!outcome.damaged().isEmpty()) {
                    System.err.println("Damaged (content does not match the name), not copied: " + outcome.damaged());
                    return 1;
                }
                return 0;
            } catch (BlobStore.UnavailableException e) {
                return Main.refuse("blobs migrate", e.getMessage() + " (run it again to go on where it stopped)");
            } finally {
                to.close();
            }
        }
    }
}
