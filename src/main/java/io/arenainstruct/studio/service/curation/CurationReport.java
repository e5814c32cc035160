package io.arenainstruct.studio.service.curation;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a curation pass found: what it drops and why, and what it keeps. A `dedup --json` or an Export area shows
 * it as it is; records all the way down, so Jackson writes it without help.
 *
 * @param checked      items looked at
 * @param contaminated items dropped for a reference prompt, in the input's order
 * @param clusters     exact clusters, then near clusters, then semantic clusters, each in its kept item's id order
 * @param kept         items neither contaminated nor dropped from a cluster, in the input's order
 * @param nearBands    the LSH banding of the near pass; null when it did not run
 * @param keptContaminated contaminated items a curator kept back, in the input's order (they are in {@code kept})
 */
public record CurationReport(
        int checked,
        CurationOptions options,
        List<Contamination> contaminated,
        List<Cluster> clusters,
        List<CurationItem> kept,
        LshBands nearBands,
        List<KeptBack> keptContaminated) {
    public CurationReport {
        contaminated = List.copyOf(contaminated);
        clusters = List.copyOf(clusters);
        kept = List.copyOf(kept);
        keptContaminated = List.copyOf(keptContaminated);
    }

    /** A report of a pass without keep decisions. */
    public CurationReport(
            int checked,
            CurationOptions options,
            List<Contamination> contaminated,
            List<Cluster> clusters,
            List<CurationItem> kept,
            LshBands nearBands) {
        this(checked, options, contaminated, clusters, kept, nearBands, List.of());
    }

    public List<Cluster> clusters(ClusterKind kind) {
        return clusters.stream().filter(c -> c.kind() == kind).toList();
    }

    /** Ids of every item dropped, contaminated or duplicate. */
    public Set<Long> droppedIds() {
        Set<Long> ids = new HashSet<>();
        contaminated.forEach(c -> ids.add(c.item().id()));
        clusters.forEach(c -> c.dropped().forEach(d -> ids.add(d.item().id())));
        return ids;
    }

    /** Ids of every item a curator kept back that the pass would have dropped. */
    public Set<Long> keptBackIds() {
        Set<Long> ids = new HashSet<>();
        keptContaminated.forEach(k -> ids.add(k.item().id()));
        clusters.forEach(c -> c.keptBack().forEach(k -> ids.add(k.item().id())));
        return ids;
    }

    /** One line for a command's output or a dataset card; semantic duplicates only when that pass ran. */
    public String summary() {
        int keptBack = keptBackIds().size();
        String semantic = options.semantic() ? ", " + duplicates(ClusterKind.SEMANTIC, "semantic") : "";
        return String.format(
                Locale.ROOT,
                "%s: %,d contaminated, %s, %s%s; %,d kept%s",
                count(checked, "item"),
                contaminated.size(),
                duplicates(ClusterKind.EXACT, "exact"),
                duplicates(ClusterKind.NEAR, "near"),
                semantic,
                kept.size(),
                keptBack == 0 ? "" : String.format(Locale.ROOT, " (%,d kept back by a curator)", keptBack));
    }

    private String duplicates(ClusterKind kind, String adjective) {
        List<Cluster> of = clusters(kind);
        return String.format(
                Locale.ROOT,
                "%,d %s duplicates in %s",
                of.stream().mapToInt(c -> c.dropped().size()).sum(),
                adjective,
                count(of.size(), "cluster"));
    }

    private static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
