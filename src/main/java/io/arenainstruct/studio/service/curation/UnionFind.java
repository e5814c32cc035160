package io.arenainstruct.studio.service.curation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Union–find by size with path halving; the smaller index stays the root on ties, for determinism. Not thread
 * safe. Used by the near and the semantic pass.
 */
final class UnionFind {
    private final int[] parent;
    private final int[] size;

    UnionFind(int n) {
        parent = IntStream.range(0, n).toArray();
        size = new int[n];
        Arrays.fill(size, 1);
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Joins the two sets; false when they were one already. */
    boolean union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        if (size[ra] < size[rb] || (size[ra] == size[rb] && rb < ra)) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        return true;
    }
}
