package io.arenainstruct.studio.service.curation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import io.arenainstruct.studio.service.llm.Embedder;

/**
 * Semantic duplicates (decision 0014): items whose sentence embeddings have a cosine at or above the threshold,
 * linked through each other by union–find, as the near pass links shingle matches; the lowest id is kept.
 *
 * <p>Brute force, every pair: n(n−1)/2 dot products of d numbers, O(n²·d) time and O(n·d) memory (10,000 items of
 * 384 floats: 5·10⁷ pairs, 15 MB). Kept tight: the vectors lie in one float array, a dot product is four running
 * sums, and the pairs go in blocks of rows against blocks of columns, so a column block stays in the cache while a
 * row block passes over it. Past some 10⁵ items an approximate index would be needed.
 */
public final class SemanticFinder {
    /** Rows of one parallel task. */
    private static final int ROW_BLOCK = 64;
    /** Columns a row block passes over at a time: 128 × 384 floats = 192 KB, within a core's L2 cache. */
    private static final int COLUMN_BLOCK = 128;

    private SemanticFinder() {}

    public static List<Cluster> find(List<CurationItem> items, double threshold, Embedder embedder) {
        CurationOptions.checkThreshold("semantic", threshold);
        // Items without words take no part, as in the near pass (the model would embed an empty text all the same).
        List<CurationItem> byId = DuplicateFinder.sortedById(items).stream()
                .filter(i -> !TextNormalizer.normalize(i.text()).isEmpty())
                .toList();
        int n = byId.size();
        if (n < 2) {
            return List.of();
        }
        float[][] embedded =
                embedder.embed(byId.stream().map(CurationItem::text).toList());
        if (embedded.length != n) {
            throw new IllegalStateException(
                    embedder.name() + " gave " + embedded.length + " vectors for " + n + " texts.");
        }
        int d = embedded[0].length;
        float[] vectors = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (embedded[i].length != d) {
                throw new IllegalStateException(
                        embedder.name() + " gave vectors of " + d + " and " + embedded[i].length + " numbers.");
            }
            System.arraycopy(embedded[i], 0, vectors, i * d, d);
        }
        // Each row block gives the pairs that join its sets (a spanning forest of its matches), so whatever the
        // threshold no more than n − 1 pairs a block are held; the sets do not depend on the order of the blocks.
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        List<int[]> forests = IntStream.range(0, blocks)
                .parallel()
                .mapToObj(b -> forest(vectors, d, n, b * ROW_BLOCK, Math.min(n, (b + 1) * ROW_BLOCK), threshold))
                .toList();
        UnionFind sets = new UnionFind(n);
        for (int[] pairs : forests) {
            for (int k = 0; k < pairs.length; k += 2) {
                sets.union(pairs[k], pairs[k + 1]);
            }
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(sets.find(i), k -> new ArrayList<>()).add(i);
        }
        List<Cluster> clusters = new ArrayList<>();
        for (List<Integer> group : members.values()) {
            if (group.size() > 1) {
                clusters.add(cluster(byId, vectors, d, group, threshold, embedder.name()));
            }
        }
        return clusters;
    }

    /** The pairs (flattened) among rows [from, to) × columns above each row that join two sets of this block. */
    private static int[] forest(float[] vectors, int d, int n, int from, int to, double threshold) {
        UnionFind local = null; // made on the first match: at a high threshold most blocks have none
        int[] pairs = new int[16];
        int count = 0;
        for (int c0 = from; c0 < n; c0 += COLUMN_BLOCK) {
            int c1 = Math.min(n, c0 + COLUMN_BLOCK);
            for (int r = from; r < to; r++) {
                for (int c = Math.max(c0, r + 1); c < c1; c++) {
                    if (dot(vectors, r * d, c * d, d) >= threshold) {
                        if (local == null) {
                            local = new UnionFind(n);
                        }
                        if (local.union(r, c)) {
                            if (count + 2 > pairs.length) {
                                pairs = Arrays.copyOf(pairs, pairs.length * 2);
                            }
                            pairs[count++] = r;
                            pairs[count++] = c;
                        }
                    }
                }
            }
        }
        return Arrays.copyOf(pairs, count);
    }

    /**
     * The cluster of the members (indexes in id order): the first is kept; each other one's reason gives its cosine
     * with the kept item, or, when that is below the threshold (linked through others), with its closest member.
     */
    private static Cluster cluster(
            List<CurationItem> byId, float[] vectors, int d, List<Integer> group, double threshold, String model) {
        int kept = group.get(0);
        CurationItem keptItem = byId.get(kept);
        List<Dropped> dropped = new ArrayList<>();
        for (int m : group.subList(1, group.size())) {
            double withKept = cosine(vectors, m, kept, d);
            if (withKept >= threshold) {
                dropped.add(new Dropped(
                        byId.get(m),
                        keptItem.id(),
                        withKept,
                        String.format(
                                Locale.ROOT,
                                "same meaning as %s: cosine %.2f of %s sentence embeddings",
                                keptItem.label(),
                                withKept,
                                model)));
                continue;
            }
            int closest = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int o : group) {
                double s = o == m ? Double.NEGATIVE_INFINITY : cosine(vectors, m, o, d);
                if (s > best) { // members come in index order, so a tie keeps the lower id
                    best = s;
                    closest = o;
                }
            }
            CurationItem other = byId.get(closest);
            dropped.add(new Dropped(
                    byId.get(m),
                    other.id(),
                    best,
                    String.format(
                            Locale.ROOT,
                            "same meaning as %s: cosine %.2f of %s sentence embeddings; its cluster keeps %s"
                                    + " (cosine %.2f)",
                            other.label(),
                            best,
                            model,
                            keptItem.label(),
                            withKept)));
        }
        return new Cluster(ClusterKind.SEMANTIC, keptItem, dropped);
    }

    /** The cosine of two unit vectors, to 3 decimals: the float sums' last digits are noise, not meaning. */
    private static double cosine(float[] vectors, int a, int b, int d) {
        return Math.round(dot(vectors, a * d, b * d, d) * 1000.0) / 1000.0;
    }

    /** Four running sums, so the additions do not wait on each other. */
    static float dot(float[] v, int a, int b, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += v[a + i] * v[b + i];
            s1 += v[a + i + 1] * v[b + i + 1];
            s2 += v[a + i + 2] * v[b + i + 2];
            s3 += v[a + i + 3] * v[b + i + 3];
        }
        for (; i < d; i++) {
            s0 += v[a + i] * v[b + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
