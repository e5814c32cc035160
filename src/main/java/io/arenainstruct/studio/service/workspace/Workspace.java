package io.arenainstruct.studio.service.workspace;

import java.nio.file.Path;

import io.arenainstruct.studio.service.seeds.SeedImporter;
import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.store.SeedRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.TaxonomyRepository;
import io.arenainstruct.studio.store.WorkspaceSettingsRepository;

/** An open store and the services over it: what both the GUI and the command line work with. */
public final class Workspace implements AutoCloseable {
    private final Store store;
    private final SeedRepository seeds;
    private final TaxonomyService taxonomies;
    private final WorkspaceSettingsRepository settings;

    private Workspace(Store store) {
        this.store = store;
        this.seeds = new SeedRepository(store);
        this.taxonomies = new TaxonomyService(new TaxonomyRepository(store));
        this.settings = new WorkspaceSettingsRepository(store);
    }

    /** Opens the store in {@code dir}, creating it (empty) when it does not exist. */
    public static Workspace open(Path dir) {
        return new Workspace(Store.open(dir));
    }

    public Path directory() {
        return store.directory();
    }

    public Store store() {
        return store;
    }

    public SeedRepository seeds() {
        return seeds;
    }

    public SeedImporter seedImporter() {
        return new SeedImporter(seeds);
    }

    public TaxonomyService taxonomies() {
        return taxonomies;
    }

    public WorkspaceSettingsRepository settings() {
        return settings;
    }

    @Override
    public void close() {
        store.close();
    }
}
