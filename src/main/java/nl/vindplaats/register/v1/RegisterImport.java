package nl.vindplaats.register.v1;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.base.Json;
import nl.vindplaats.register.ApiEntries;
import nl.vindplaats.register.StoredApiEntry;
import nl.vindplaats.register.ApiEntry;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.store.VersionConflictException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Imports entry files of the first developer.overheid.nl register ({@code <id>.json}). Each file is
 * one record write, so a file is imported whole or not at all; an invalid file is reported with its
 * name and fields and the others still import. Importing the same files again changes nothing.
 */
public final class RegisterImport {
    public record FileProblem(String file, List<InvalidParam> problems) {
        @Override
        public String toString() {
            return file + ": " + problems.stream().map(p -> p.name() + " " + p.reason())
                    .reduce((a, b) -> a + "; " + b).orElse("");
        }
    }

    public record Report(int created, int updated, int unchanged, List<FileProblem> invalid) {
        @Override
        public String toString() {
            return "created " + created + ", updated " + updated + ", unchanged " + unchanged + ", invalid "
                    + invalid.size();
        }
    }

    private final RecordStore store;

    public RegisterImport(RecordStore store) {
        this.store = store;
    }

    /** Every {@code *.json} file directly in {@code dir}, in name order. */
    public Report importDirectory(Path dir) {
        return importDirectory(dir, files -> { });
    }

    /** As {@link #importDirectory(Path)}, telling {@code filesTaken} of each file as it is taken up. */
    public Report importDirectory(Path dir, LongConsumer filesTaken) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return importFiles(files, filesTaken);
    }

    /** The files named, one per line, in {@code <folder>/FILES} on the class path (how the demo data ships). */
    public Report importResources(String folder) {
        ClassLoader loader = RegisterImport.class.getClassLoader();
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream list = loader.getResourceAsStream(folder + "/FILES")) {
            if (list == null) {
                throw new IllegalStateException("missing resource " + folder + "/FILES");
            }
            for (String name : new String(list.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource " + folder + "/" + name);
                    }
                    files.put(name, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return importFiles(files);
    }

    public Report importFiles(Map<String, byte[]> files) {
        return importFiles(files, taken -> { });
    }

    private Report importFiles(Map<String, byte[]> files, LongConsumer filesTaken) {
        Map<String, String> organisationUris = organisationUrisByName();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<FileProblem> invalid = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            filesTaken.accept(1);
            ApiEntry entry;
            try {
                JsonNode json = Json.MAPPER.readTree(file.getValue());
                entry = RegisterV1.read(RegisterV1.idOf(file.getKey()), json);
            } catch (IOException e) {
                invalid.add(new FileProblem(file.getKey(), List.of(new InvalidParam("(document)",
                        "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")))));
                continue;
            } catch (RegisterV1.Invalid e) {
                invalid.add(new FileProblem(file.getKey(), e.problems()));
                continue;
            }
            String uri = organisationUris.get(entry.organisation().label().toLowerCase(Locale.ROOT));
            entry = entry.withOrganisation(new ApiEntry.OrganisationRef(uri, entry.organisation().oin(),
                    entry.organisation().label()));
            try {
                switch (write(entry)) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            } catch (VersionConflictException e) {
                invalid.add(new FileProblem(file.getKey(), List.of(new InvalidParam("(entry)",
                        "changed by someone else during the import; import again"))));
            }
        }
        return new Report(created, updated, unchanged, List.copyOf(invalid));
    }

    private enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** Creates the entry, or updates it when the file says something new; keeps what the register learnt itself. */
    private Outcome write(ApiEntry fromFile) {
        StoredRecord existing = store.get(ApiEntry.KIND, fromFile.id()).orElse(null);
        if (existing == null) {
            store.create(ApiEntries.newVersion(fromFile, "imported from register v1"));
            return Outcome.CREATED;
        }
        ApiEntry current = StoredApiEntry.entry(existing.body());
        ApiEntry merged = new ApiEntry(fromFile.id(), fromFile.serviceName(), fromFile.description(),
                fromFile.organisation(), fromFile.apiType(), fromFile.authentication(), fromFile.environments(),
                fromFile.contact(), fromFile.termsOfUse(), fromFile.forum(), fromFile.referenceImplementation(),
                fromFile.relations(), fromFile.tags(), current.lifecycle(), current.specification(), fromFile.extra(),
                current.availability());
        // compared as stored (text and back), so that 99.5 read back as a double still equals 99.5 as a decimal
        if (Json.read(Json.write(StoredApiEntry.body(merged))).equals(existing.body())) {
            return Outcome.UNCHANGED;
        }
        store.update(ApiEntries.newVersion(merged, "re-imported from register v1"), existing.version());
        return Outcome.UPDATED;
    }

    /** Organisation names (lower case) to TOOI URIs, so imported entries belong to known organisations. */
    private Map<String, String> organisationUrisByName() {
        Map<String, String> uris = new HashMap<>();
        store.scanAll(record -> {
            if (Organisations.KIND.equals(record.kind())) {
                uris.put(record.body().path("name").asText().toLowerCase(Locale.ROOT), record.id());
            }
        });
        return uris;
    }
}
