package io.arenainstruct.studio.service.taxonomy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.store.TaxonomyRepository;

/** Import, export and listing of skill taxonomies. */
public final class TaxonomyService {
    private final TaxonomyRepository repository;

    public TaxonomyService(TaxonomyRepository repository) {
        this.repository = repository;
    }

    /** What an import did: the taxonomy stored and whether it replaced one of the same skill. */
    public record ImportResult(Taxonomy taxonomy, boolean replaced) {}

    /** Validates the file and stores it; nothing is stored when the file has any problem. */
    public ImportResult importFile(Path file) throws TaxonomyFileException, IOException {
        Taxonomy taxonomy = TaxonomyYaml.read(file);
        boolean replaced = repository.exists(taxonomy.skillId());
        repository.save(taxonomy);
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

    public void save(Taxonomy taxonomy) {
        repository.save(taxonomy);
    }
}
