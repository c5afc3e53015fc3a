package nl.vindplaats;

import nl.vindplaats.base.Setting;
import nl.vindplaats.blobs.ObjectStoreSettings;
import nl.vindplaats.platform.Config;
import nl.vindplaats.platform.InstanceSettings;
import nl.vindplaats.store.StoreLocation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's options are the settings records' {@code SETTINGS}, each once, with its environment variable
 * and default; and every flag an operator finds in docs/configuration.md is an option of {@code serve}.
 */
class ServeOptionsTest {
    /** The options of {@code serve} that no settings record declares: picocli's own, which configure nothing. */
    private static final Set<String> OWN_OPTIONS = Set.of("--help", "--version");

    private static CommandLine.Model.CommandSpec spec(String... command) {
        CommandLine line = new CommandLine(new Main());
        for (String name : command) {
            line = line.getSubcommands().get(name);
        }
        return line.getCommandSpec();
    }

    private static Set<String> flags(CommandLine.Model.CommandSpec spec) {
        Set<String> flags = new TreeSet<>();
        spec.options().forEach(o -> flags.add(o.longestName()));
        return flags;
    }

    private static List<Setting<?, ?>> allSettings() {
        return Config.SECTIONS.stream().<Setting<?, ?>>flatMap(s -> s.settings().stream()).toList();
    }

    @Test
    void serveHasAnOptionForEachSettingOfEverySectionAndOnlyItsOwnBesides() {
        CommandLine.Model.CommandSpec serve = spec("serve");
        List<String> declared = allSettings().stream().map(Setting::flag).toList();
        assertThat(declared).doesNotHaveDuplicates();
        Set<String> expected = new TreeSet<>(declared);
        expected.addAll(OWN_OPTIONS);
        assertThat(flags(serve)).isEqualTo(expected);
        for (Setting<?, ?> setting : allSettings()) {
            CommandLine.Model.OptionSpec option = serve.findOption(setting.flag());
            assertThat(option.description()).as(setting.flag()).hasSize(1);
            assertThat(option.description()[0]).as(setting.flag()).startsWith(setting.description())
                    .contains("(env " + setting.environmentVariable());
            assertThat(option.type()).as(setting.flag()).isEqualTo(setting.type());
            assertThat(option.paramLabel()).as(setting.flag()).isEqualTo(setting.paramLabel());
            // As picocli resolves it: the environment variable, else the default.
            String fromEnvironment = System.getenv(setting.environmentVariable());
            assertThat(option.defaultValue()).as(setting.flag())
                    .isEqualTo(fromEnvironment != null ? fromEnvironment : setting.defaultValue());
        }
    }

    @Test
    void theCommandsThatOpenTheStoreTakeTheStoresSettings() {
        Set<String> expected = new TreeSet<>(List.of("--help", "--version"));
        StoreLocation.SETTINGS.forEach(s -> expected.add(s.flag()));
        assertThat(flags(spec("reindex"))).isEqualTo(expected);
        assertThat(flags(spec("import", "api-register"))).isEqualTo(expected);
    }

    @Test
    void migratingTheFilesTakesTheDataDirectoryAndTheBucketsSettings() {
        Set<String> expected = new TreeSet<>(List.of("--help", "--version", StoreLocation.DATA_DIR.flag()));
        ObjectStoreSettings.SETTINGS.forEach(s -> expected.add(s.flag()));
        assertThat(flags(spec("blobs", "migrate"))).isEqualTo(expected);
    }

    @Test
    void serveHelpNamesTheAdminTokensVariable() {
        StringWriter help = new StringWriter();
        new CommandLine(new Main()).setOut(new PrintWriter(help)).execute("serve", "--help");
        assertThat(help.toString()).contains(InstanceSettings.ADMIN_TOKEN_VARIABLE);
    }

    @Test
    void serveHelpListsEveryFlagAndVariableOfTheConfigurationTable() throws IOException {
        StringWriter help = new StringWriter();
        new CommandLine(new Main()).setOut(new PrintWriter(help)).execute("serve", "--help");
        // A row of the table: | `--flag` | `VINDPLAATS_…` | default | meaning |
        Matcher row = Pattern.compile("(?m)^\\| `(--[a-z0-9-]+)` \\| (`(VINDPLAATS_[A-Z0-9_]+)`)? ?\\|")
                .matcher(Files.readString(Path.of("docs/configuration.md")));
        int rows = 0;
        while (row.find()) {
            rows++;
            // The whole flag, not the start of a longer one.
            assertThat(help.toString()).containsPattern(Pattern.quote(row.group(1)) + "(?![a-z0-9-])");
            if (row.group(3) != null) {
                assertThat(help.toString()).as(row.group(1)).contains(row.group(3));
            }
        }
        assertThat(rows).isGreaterThan(30);
    }
}
