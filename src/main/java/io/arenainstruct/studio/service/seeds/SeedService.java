package io.arenainstruct.studio.service.seeds;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedSnapshot;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.store.SeedRepository;

/** The seed library as the Seeds area uses it: list, read, tag, delete and restore, import. */
public final class SeedService {
    private final SeedRepository seeds;

    public SeedService(SeedRepository seeds) {
        this.seeds = seeds;
    }

    public List<Seed> list(SeedFilter filter) {
        return seeds.list(filter);
    }

    public List<String> allTags() {
        return seeds.allTags();
    }

    public int count() {
        return seeds.count();
    }

    public Optional<Seed> find(long id) {
        return seeds.find(id);
    }

    /** A seed's whole text. */
    public Optional<String> content(long id) {
        return seeds.content(id);
    }

    public void setTags(Map<Long, List<String>> tagsById) {
        seeds.setTags(tagsById);
    }

    /** Deletes the seeds and returns them as they were, for {@link #restore}. */
    public List<SeedSnapshot> delete(Collection<Long> ids) {
        return seeds.delete(ids);
    }

    /** Puts deleted seeds back with their ids, tags and text. */
    public void restore(List<SeedSnapshot> snapshots) {
        seeds.restore(snapshots);
    }

    /** Imports files and folders in batches; see {@link SeedImporter}. */
    public ImportReport importPaths(
            List<Path> paths, ImportOptions options, ProgressListener progress, Cancellation cancellation) {
        return new SeedImporter(seeds).importPaths(paths, options, progress, cancellation);
    }
}
