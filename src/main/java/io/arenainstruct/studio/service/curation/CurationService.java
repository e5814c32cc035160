package io.arenainstruct.studio.service.curation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.arenainstruct.studio.service.llm.Embedder;
import io.arenainstruct.studio.service.llm.SentenceEmbedder;

/**
 * One curation pass over items (decision 0014): first decontamination against the reference sets (a contaminated
 * item leaves before any clustering), then exact duplicates, then near duplicates among what the exact pass kept,
 * then, when asked, semantic duplicates among what the near pass kept. Pure and stateless apart from the sentence
 * model, loaded on the first semantic pass: the store, the command and the Export area call it (never on the FX
 * thread) with the items and show its report.
 */
public final class CurationService {
    private CurationService() {}

    public static CurationReport curate(
            List<CurationItem> items, List<ReferenceSet> references, CurationOptions options) {
        return curate(items, references, options, SentenceEmbedder::shared);
    }

    /** With the embedder the semantic pass uses; asked for only when that pass runs. */
    public static CurationReport curate(
            List<CurationItem> items,
            List<ReferenceSet> references,
            CurationOptions options,
            Supplier<? extends Embedder> embedder) {
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
        if (options.semantic()) {
            List<Cluster> semantic =
                    SemanticFinder.find(without(items, dropped), options.semanticThreshold(), embedder.get());
            semantic.forEach(c -> c.dropped().forEach(d -> dropped.add(d.item().id())));
            clusters.addAll(semantic);
        }
        return new CurationReport(items.size(), options, contaminated, clusters, without(items, dropped), bands);
    }

    private static List<CurationItem> without(List<CurationItem> items, Set<Long> ids) {
        return items.stream().filter(i -> !ids.contains(i.id())).toList();
    }
}
