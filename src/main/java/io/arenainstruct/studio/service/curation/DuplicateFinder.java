package io.arenainstruct.studio.service.curation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Exact and near duplicates among items (decision 0014). Pure: no store, same input, same clusters, whatever the
 * input's order (members are taken by id).
 */
public final class DuplicateFinder {
    private DuplicateFinder() {}

    /** Clusters of items with the same normalised text (SHA-256 of it), by their kept item's id. */
    public static List<Cluster> exact(List<CurationItem> items) {
        List<CurationItem> byId = sortedById(items);
        Map<String, List<CurationItem>> groups = new LinkedHashMap<>();
        List<String> keys =
                byId.parallelStream().map(i -> TextNormalizer.key(i.text())).toList();
        for (int i = 0; i < byId.size(); i++) {
            groups.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(byId.get(i));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (List<CurationItem> group : groups.values()) {
            if (group.size() > 1) {
                CurationItem kept = group.get(0);
                List<Dropped> dropped = group.subList(1, group.size()).stream()
                        .map(d -> new Dropped(d, kept.id(), 1.0, "same text after normalisation as " + kept.label()))
                        .toList();
                clusters.add(new Cluster(ClusterKind.EXACT, kept, dropped));
            }
        }
        return clusters;
    }

    /**
     * Clusters of items whose shingle Jaccard is at or above the threshold, linked through each other (union–find
     * over the pairs LSH puts in one bucket and the exact Jaccard confirms). Items without words take no part.
     */
    public static List<Cluster> near(List<CurationItem> items, double threshold) {
        CurationOptions.checkThreshold("near-duplicate", threshold);
        List<CurationItem> byId = sortedById(items);
        int n = byId.size();
        int[][] shingles = byId.parallelStream()
                .map(i -> MinHasher.shingles(TextNormalizer.words(TextNormalizer.normalize(i.text()))))
                .toArray(int[][]::new);
        LshBands lsh = LshBands.forThreshold(threshold, MinHasher.PERMUTATIONS);
        long[][] keys = new long[lsh.bands()][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if (shingles[i].length == 0) {
                return;
            }
            int[] sig = new int[MinHasher.PERMUTATIONS];
            long[] bandKeys = new long[lsh.bands()];
            MinHasher.signature(shingles[i], sig);
            MinHasher.bandKeys(sig, lsh, bandKeys);
            for (int b = 0; b < bandKeys.length; b++) {
                keys[b][i] = bandKeys[b];
            }
        });
        UnionFind sets = new UnionFind(n);
        int[] bestOther = new int[n];
        double[] bestSimilarity = new double[n];
        Arrays.fill(bestOther, -1);
        // The key's high bits and the item's index in one long, so a primitive sort groups each band's buckets.
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        long indexMask = (1L << indexBits) - 1;
        for (long[] band : keys) {
            long[] packed = new long[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (shingles[i].length > 0) {
                    packed[count++] = (band[i] & ~indexMask) | i;
                }
            }
            Arrays.sort(packed, 0, count);
            int start = 0;
            while (start < count) {
                int end = start + 1;
                while (end < count && (packed[end] & ~indexMask) == (packed[start] & ~indexMask)) {
                    end++;
                }
                for (int x = start; x < end; x++) {
                    for (int y = x + 1; y < end; y++) {
                        int a = (int) (packed[x] & indexMask);
                        int b = (int) (packed[y] & indexMask);
                        if (sets.find(a) == sets.find(b)) {
                            continue;
                        }
                        double s = MinHasher.jaccard(shingles[a], shingles[b]);
                        if (s > 0 && s >= threshold) {
                            sets.union(a, b);
                            note(bestOther, bestSimilarity, a, b, s);
                            note(bestOther, bestSimilarity, b, a, s);
                        }
                    }
                }
                start = end;
            }
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(sets.find(i), k -> new ArrayList<>()).add(i);
        }
        List<Cluster> clusters = new ArrayList<>();
        for (List<Integer> group : members.values()) {
            if (group.size() < 2) {
                continue;
            }
            int kept = group.get(0);
            CurationItem keptItem = byId.get(kept);
            List<Dropped> dropped = new ArrayList<>();
            for (int m : group.subList(1, group.size())) {
                double withKept = MinHasher.jaccard(shingles[m], shingles[kept]);
                if (withKept >= threshold) {
                    dropped.add(new Dropped(
                            byId.get(m),
                            keptItem.id(),
                            withKept,
                            String.format(
                                    Locale.ROOT,
                                    "near duplicate of %s: Jaccard %.2f over %d-word shingles",
                                    keptItem.label(),
                                    withKept,
                                    MinHasher.SHINGLE_WORDS)));
                } else {
                    CurationItem other = byId.get(bestOther[m]);
                    dropped.add(new Dropped(
                            byId.get(m),
                            other.id(),
                            bestSimilarity[m],
                            String.format(
                                    Locale.ROOT,
                                    "near duplicate of %s: Jaccard %.2f over %d-word shingles; its cluster keeps %s"
                                            + " (Jaccard %.2f)",
                                    other.label(),
                                    bestSimilarity[m],
                                    MinHasher.SHINGLE_WORDS,
                                    keptItem.label(),
                                    withKept)));
                }
            }
            clusters.add(new Cluster(ClusterKind.NEAR, keptItem, dropped));
        }
        return clusters;
    }

    private static void note(int[] bestOther, double[] bestSimilarity, int item, int other, double s) {
        if (bestOther[item] < 0 || s > bestSimilarity[item] || (s == bestSimilarity[item] && other < bestOther[item])) {
            bestOther[item] = other;
            bestSimilarity[item] = s;
        }
    }

    static List<CurationItem> sortedById(List<CurationItem> items) {
        List<CurationItem> byId = new ArrayList<>(items);
        byId.sort(Comparator.comparingLong(CurationItem::id));
        for (int i = 1; i < byId.size(); i++) {
            if (byId.get(i).id() == byId.get(i - 1).id()) {
                throw new IllegalArgumentException("Item id " + byId.get(i).id() + " appears twice.");
            }
        }
        return byId;
    }
}
