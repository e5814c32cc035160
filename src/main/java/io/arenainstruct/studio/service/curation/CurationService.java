package io.arenainstruct.studio.service.curation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.service.llm.Embedder;
import io.arenainstruct.studio.service.llm.SentenceEmbedder;

/**
 * One curation pass over items (decision 0014): first decontamination against the reference sets (a contaminated
 * item leaves before any clustering), then exact duplicates, then near duplicates among what the exact pass kept,
 * then, when asked, semantic duplicates among what the near pass kept. Pure and stateless apart from the sentence
 * model, loaded on the first semantic pass: the store, the command and the Export area call it (never on the FX
 * thread) with the items and show its report.
 *
 * <p>A curator's keep decisions (by the SHA-256 of an item's text) overrule every pass: an item with a kept text is
 * never dropped; the report lists it kept back with the reason it would have been dropped for.
 */
public final class CurationService {
    private CurationService() {}

    /** A pass without keep decisions. */
    public static CurationReport curate(
            List<CurationItem> items, List<ReferenceSet> references, CurationOptions options) {
        return curate(items, references, options, List.of(), SentenceEmbedder::shared);
    }

    /** With the curator's keep decisions. */
    public static CurationReport curate(
            List<CurationItem> items,
            List<ReferenceSet> references,
            CurationOptions options,
            List<KeepDecision> keeps) {
        return curate(items, references, options, keeps, SentenceEmbedder::shared);
    }

    /** With the embedder the semantic pass uses; asked for only when that pass runs. */
    public static CurationReport curate(
            List<CurationItem> items,
            List<ReferenceSet> references,
            CurationOptions options,
            Supplier<? extends Embedder> embedder) {
        return curate(items, references, options, List.of(), embedder);
    }

    public static CurationReport curate(
            List<CurationItem> items,
            List<ReferenceSet> references,
            CurationOptions options,
            List<KeepDecision> keeps,
            Supplier<? extends Embedder> embedder) {
        DuplicateFinder.sortedById(items); // refuses an id given twice, before any work
        Map<Long, String> keptBy = keptBy(items, keeps);
        List<Contamination> found =
                references.isEmpty() ? List.of() : new Decontaminator(references, options).checkAll(items);
        List<Contamination> contaminated = new ArrayList<>();
        List<KeptBack> keptContaminated = new ArrayList<>();
        Set<Long> dropped = new HashSet<>();
        for (Contamination c : found) {
            String by = keptBy.get(c.item().id());
            if (by == null) {
                contaminated.add(c);
                dropped.add(c.item().id());
            } else {
                keptContaminated.add(KeptBack.of(c.item(), by, c.reason()));
            }
        }
        List<Cluster> clusters = new ArrayList<>();
        // The near pass looks only at what the exact pass kept as its clusters' first items: a member kept back
        // from an exact cluster would otherwise be found again as a near duplicate of its own cluster.
        Set<Long> leftForNear = new HashSet<>(dropped);
        for (Cluster c : DuplicateFinder.exact(without(items, dropped))) {
            Cluster honoured = honour(c, keptBy);
            clusters.add(honoured);
            honoured.dropped().forEach(d -> dropped.add(d.item().id()));
            c.dropped().forEach(d -> leftForNear.add(d.item().id()));
        }
        LshBands bands = null;
        if (options.near()) {
            for (Cluster c : DuplicateFinder.near(without(items, leftForNear), options.nearThreshold())) {
                Cluster honoured = honour(c, keptBy);
                clusters.add(honoured);
                honoured.dropped().forEach(d -> dropped.add(d.item().id()));
                c.dropped().forEach(d -> leftForNear.add(d.item().id()));
            }
            bands = LshBands.forThreshold(options.nearThreshold(), MinHasher.PERMUTATIONS);
        }
        if (options.semantic()) {
            // as the near pass: only what the earlier passes kept as clusters' first items or left alone
            for (Cluster c :
                    SemanticFinder.find(without(items, leftForNear), options.semanticThreshold(), embedder.get())) {
                Cluster honoured = honour(c, keptBy);
                clusters.add(honoured);
                honoured.dropped().forEach(d -> dropped.add(d.item().id()));
            }
        }
        return new CurationReport(
                items.size(), options, contaminated, clusters, without(items, dropped), bands, keptContaminated);
    }

    /** Who kept each item whose text a keep decision names, by item id; empty without decisions. */
    private static Map<Long, String> keptBy(List<CurationItem> items, List<KeepDecision> keeps) {
        Map<Long, String> out = new HashMap<>();
        if (keeps.isEmpty()) {
            return out;
        }
        Map<String, String> byHash = new HashMap<>();
        keeps.forEach(k -> byHash.put(k.textSha256(), k.annotator()));
        for (CurationItem item : items) {
            String by = byHash.get(Hashes.sha256(item.text()));
            if (by != null) {
                out.put(item.id(), by);
            }
        }
        return out;
    }

    /** The cluster with its kept-back members moved from dropped to kept back. */
    private static Cluster honour(Cluster c, Map<Long, String> keptBy) {
        if (keptBy.isEmpty()) {
            return c;
        }
        List<Dropped> dropped = new ArrayList<>();
        List<KeptBack> keptBack = new ArrayList<>();
        for (Dropped d : c.dropped()) {
            String by = keptBy.get(d.item().id());
            if (by == null) {
                dropped.add(d);
            } else {
                keptBack.add(KeptBack.of(d.item(), by, d.reason()));
            }
        }
        return new Cluster(c.kind(), c.kept(), dropped, keptBack);
    }

    private static List<CurationItem> without(List<CurationItem> items, Set<Long> ids) {
        return items.stream().filter(i -> !ids.contains(i.id())).toList();
    }
}
