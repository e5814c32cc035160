package io.arenainstruct.studio.service.curation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One curation pass over items (decision 0014): first decontamination against the reference sets (a contaminated
 * item leaves before any clustering), then exact duplicates, then near duplicates among what the exact pass kept.
 * Pure and stateless: the store, the command and the Export area call it with the items and show its report.
 */
public final class CurationService {
    private CurationService() {}

    public static CurationReport curate(
            List<CurationItem> items, List<ReferenceSet> references, CurationOptions options) {
        DuplicateFinder.sortedById(items); // refuses an id given twice, before any work
        List<Contamination> contaminated =
                references.isEmpty() ? List.of() : new Decontaminator(references, options).checkAll(items);
        Set<Long> dropped = new HashSet<>();
        contaminated.forEach(c -> dropped.add(c.item().id()));
        List<Cluster> clusters = new ArrayList<>(DuplicateFinder.exact(without(items, dropped)));
        clusters.forEach(c -> c.dropped().forEach(d -> dropped.add(d.item().id())));
        LshBands bands = null;
        if (options.near()) {
            List<Cluster> near = DuplicateFinder.near(without(items, dropped), options.nearThreshold());
            near.forEach(c -> c.dropped().forEach(d -> dropped.add(d.item().id())));
            clusters.addAll(near);
            bands = LshBands.forThreshold(options.nearThreshold(), MinHasher.PERMUTATIONS);
        }
        return new CurationReport(items.size(), options, contaminated, clusters, without(items, dropped), bands);
    }

    private static List<CurationItem> without(List<CurationItem> items, Set<Long> ids) {
        return items.stream().filter(i -> !ids.contains(i.id())).toList();
    }
}
