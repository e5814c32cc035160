package io.arenainstruct.studio.service.ratings;

import java.util.ArrayDeque;
import java.util.Arrays;

/** The comparison graphs behind the fit: who met whom (connected), and who scored against whom (strongly). */
final class Graphs {
    private Graphs() {}

    /**
     * The largest connected group of the undirected "met" graph: {@code met[i][j]} when i and j were compared. Ties
     * in size go to the group with the lowest model index, so the choice is repeatable.
     */
    static boolean[] largestComponent(boolean[][] met, boolean[] present) {
        int n = met.length;
        int[] group = new int[n];
        Arrays.fill(group, -1);
        int best = -1;
        int bestSize = 0;
        int groups = 0;
        for (int s = 0; s < n; s++) {
            if (!present[s] || group[s] >= 0) {
                continue;
            }
            int size = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(s);
            group[s] = groups;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                size++;
                for (int j = 0; j < n; j++) {
                    if (met[i][j] && group[j] < 0) {
                        group[j] = groups;
                        queue.add(j);
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = groups;
            }
            groups++;
        }
        boolean[] in = new boolean[n];
        for (int i = 0; i < n; i++) {
            in[i] = group[i] == best && best >= 0;
        }
        return in;
    }

    /**
     * The largest strongly connected group of the directed graph {@code scored[i][j]} (i won or tied against j at
     * least once). Every model outside it won or lost all its games against the others of some group, so the
     * maximum likelihood puts it infinitely far away. Ties in size go to the lowest model index.
     */
    static boolean[] largestStrongComponent(boolean[][] scored) {
        int n = scored.length;
        boolean[][] reach = new boolean[n][];
        for (int s = 0; s < n; s++) {
            reach[s] = reachable(scored, s);
        }
        boolean[] best = new boolean[n];
        int bestSize = 0;
        boolean[] seen = new boolean[n];
        for (int s = 0; s < n; s++) {
            if (seen[s]) {
                continue;
            }
            boolean[] group = new boolean[n];
            int size = 0;
            for (int t = 0; t < n; t++) {
                if (reach[s][t] && reach[t][s]) {
                    group[t] = true;
                    seen[t] = true;
                    size++;
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = group;
            }
        }
        return best;
    }

    /** Whether every node reaches every other. */
    static boolean stronglyConnected(boolean[][] scored) {
        int n = scored.length;
        if (n <= 1) {
            return true;
        }
        boolean[] forward = reachable(scored, 0);
        boolean[][] reversed = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                reversed[j][i] = scored[i][j];
            }
        }
        boolean[] backward = reachable(reversed, 0);
        for (int i = 0; i < n; i++) {
            if (!forward[i] || !backward[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] reachable(boolean[][] edges, int s) {
        int n = edges.length;
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(s);
        seen[s] = true;
        while (!queue.isEmpty()) {
            int i = queue.poll();
            for (int j = 0; j < n; j++) {
                if (edges[i][j] && !seen[j]) {
                    seen[j] = true;
                    queue.add(j);
                }
            }
        }
        return seen;
    }
}
