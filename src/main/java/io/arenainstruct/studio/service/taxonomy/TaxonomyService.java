package io.arenainstruct.studio.service.taxonomy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyVersion;
import io.arenainstruct.studio.store.TaxonomyRepository;

/**
 * Import, export and listing of skill taxonomies. Every save that changes a taxonomy is kept as the skill's next
 * version, with what made it (decision 0021).
 */
public final class TaxonomyService {
    /** What made a version edited in the app's Taxonomy area (the edit's description follows). */
    public static final String EDITED_IN_AREA = "edited in the Taxonomy area";

    private final TaxonomyRepository repository;
    private final Clock clock;

    public TaxonomyService(TaxonomyRepository repository) {
        this(repository, Clock.systemUTC());
    }

    public TaxonomyService(TaxonomyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** What an import did: the taxonomy stored and whether it replaced one of the same skill. */
    public record ImportResult(Taxonomy taxonomy, boolean replaced) {}

    /** Validates the file and stores it; nothing is stored when the file has any problem. */
    public ImportResult importFile(Path file) throws TaxonomyFileException, IOException {
        Taxonomy taxonomy = TaxonomyYaml.read(file);
        boolean replaced = repository.exists(taxonomy.skillId());
        save(taxonomy, "taxonomy import " + file);
        return new ImportResult(taxonomy, replaced);
    }

    public void export(String skillId, Path file) throws IOException {
        Taxonomy taxonomy = repository
                .load(skillId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "there is no taxonomy for the skill '" + skillId + "'; see the list with: taxonomy list"));
        TaxonomyYaml.write(taxonomy, file);
    }

    public List<Taxonomy> all() {
        return repository.loadAll();
    }

    public Optional<Taxonomy> find(String skillId) {
        return repository.load(skillId);
    }

    /** Saves the taxonomy; a change is a version made by "saved". */
    public void save(Taxonomy taxonomy) {
        save(taxonomy, "saved");
    }

    /**
     * Saves the taxonomy; when it differs from the skill's newest version it becomes the next version, made by
     * {@code madeBy}.
     *
     * @return the number of the version added; empty when nothing changed
     */
    public OptionalInt save(Taxonomy taxonomy, String madeBy) {
        return repository.save(taxonomy, madeBy, clock.instant());
    }

    /** The versions of a skill's taxonomy with what each changed, oldest first; empty when it has none. */
    public List<VersionDiff> versions(String skillId) {
        List<VersionDiff> out = new ArrayList<>();
        Optional<TaxonomyVersion> before = Optional.empty();
        for (TaxonomyVersion v : repository.versions(skillId)) {
            out.add(VersionDiff.of(before, v));
            before = Optional.of(v);
        }
        return out;
    }

    /** The newest version of a skill's taxonomy, if it has one. */
    public Optional<TaxonomyVersion> newestVersion(String skillId) {
        return repository.newest(skillId);
    }

    /** One version of a skill's taxonomy. */
    public Optional<TaxonomyVersion> version(String skillId, int number) {
        return repository.version(skillId, number);
    }

    /** What a restore did: the version restored and the version it made (empty: it was the content already). */
    public record Restored(String skillId, int restored, OptionalInt added) {}

    /**
     * Makes an old version's content the skill's taxonomy again, as a new version ("restored version N"), so nothing
     * is lost; {@code why} is added to what made it when not null ("restored version 3: undo of …").
     *
     * @throws IllegalArgumentException the skill has no such version (the message says which there are)
     */
    public Restored restore(String skillId, int number, String why) {
        TaxonomyVersion v = repository.version(skillId, number).orElseThrow(() -> {
            Optional<TaxonomyVersion> newest = repository.newest(skillId);
            return new IllegalArgumentException(
                    newest.isEmpty()
                            ? "The skill " + skillId + " has no taxonomy versions; see the skills with: taxonomy list"
                            : "The taxonomy of " + skillId + " has no version " + number + "; its versions are 1 to "
                                    + newest.get().number() + ".");
        });
        String madeBy = "restored version " + number + (why == null || why.isBlank() ? "" : ": " + why);
        return new Restored(skillId, number, save(v.taxonomy().deepCopy(), madeBy));
    }
}
