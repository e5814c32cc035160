package io.arenainstruct.studio.service.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.service.seeds.ImportOptions;
import io.arenainstruct.studio.service.seeds.ImportReport;
import io.arenainstruct.studio.service.taxonomy.TaxonomyFileException;
import io.arenainstruct.studio.service.taxonomy.TaxonomyYaml;

/**
 * Fills a new workspace with the shipped sample seeds (tagged "sample" and their folder name) and the
 * taxonomies of all skills. Runs once per store; a curator who deletes the samples does not get them back.
 */
public final class SampleWorkspace {
    static final String MARKER = "sample-workspace.created";
    private static final Logger LOG = Logger.getLogger(SampleWorkspace.class.getName());

    private SampleWorkspace() {}

    /** What was added; both zero when the workspace already had its sample. */
    public record Result(int seeds, int taxonomies) {}

    public static Result ensure(Workspace workspace) {
        return ensure(workspace, true);
    }

    /** Adds what a new workspace lacks, once; sample seeds only when asked and the store has no seeds. */
    public static Result ensure(Workspace workspace, boolean withSampleSeeds) {
        if (workspace.settings().get(MARKER).isPresent()) {
            return new Result(0, 0);
        }
        int taxonomies = 0;
        for (Taxonomy t : shippedTaxonomies()) {
            if (workspace.taxonomies().find(t.skillId()).isEmpty()) {
                workspace.taxonomies().save(t, "the sample workspace (shipped taxonomy)");
                taxonomies++;
            }
        }
        int seeds = 0;
        if (withSampleSeeds && workspace.seedService().count() == 0) {
            seeds = importSampleSeeds(workspace);
        }
        workspace.settings().put(MARKER, Instant.now().toString());
        return new Result(seeds, taxonomies);
    }

    /** The taxonomies shipped in {@code taxonomies/}, in file-name order. */
    public static List<Taxonomy> shippedTaxonomies() {
        List<Taxonomy> out = new ArrayList<>();
        Path dir = ClasspathFolder.find("taxonomies").orElse(null);
        if (dir == null) {
            return out;
        }
        for (Path file : sorted(dir, "*.yaml")) {
            try {
                out.add(TaxonomyYaml.read(file));
            } catch (TaxonomyFileException | IOException e) {
                LOG.log(Level.WARNING, "shipped taxonomy " + file + " is broken: " + e.getMessage());
            }
        }
        return out;
    }

    private static int importSampleSeeds(Workspace workspace) {
        Path dir = ClasspathFolder.find("sample-seeds").orElse(null);
        if (dir == null) {
            return 0;
        }
        int imported = 0;
        for (Path folder : sorted(dir, "*")) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            String tag = folder.getFileName().toString().replace("/", "");
            ImportReport report = workspace
                    .seedImporter()
                    .importPaths(
                            List.of(folder),
                            ImportOptions.defaults()
                                    .withTags(List.of("sample", tag))
                                    .withShownSource(dir, "sample-seeds"));
            report.rejections().forEach(r -> LOG.warning("sample seed " + r));
            imported += report.imported();
        }
        return imported;
    }

    private static List<Path> sorted(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(out::add);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + dir, e);
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }
}
