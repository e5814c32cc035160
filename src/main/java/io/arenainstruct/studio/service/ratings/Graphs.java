package io.arenainstruct.studio.service.ratings;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The comparison graphs behind the fit: who met whom (connected), and who scored against whom (strongly). */
final class Graphs {
    private Graphs() {}

    /**
     * The group rated and how it was chosen.
     *
     * @param members   the models of the group
     * @param sizeTied  another group is as large: no single main group
     * @param countTied another group is as large with as many observations, so the first by name was taken
     */
    record MainGroup(boolean[] members, boolean sizeTied, boolean countTied) {}

    /**
     * The largest connected group of the undirected "met" graph: {@code met[i][j]} when i and j were compared. Among
     * equally large groups, the one with the most observations ({@code observations[i]} counts i's, so a group's sum
     * is twice its own), then the one holding the model first by name: the choice does not depend on the order the
     * verdicts were read in.
     */
    static MainGroup largestComponent(boolean[][] met, boolean[] present, int[] observations, List<String> names) {
        int n = met.length;
        int[] group = new int[n];
        Arrays.fill(group, -1);
        List<int[]> stats = new ArrayList<>(); // per group: size, observations, first model by name
        for (int s = 0; s < n; s++) {
            if (!present[s] || group[s] >= 0) {
                continue;
            }
            int id = stats.size();
            int size = 0;
            int count = 0;
            int first = s;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(s);
            group[s] = id;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                size++;
                count += observations[i];
                if (names.get(i).compareTo(names.get(first)) < 0) {
                    first = i;
                }
                for (int j = 0; j < n; j++) {
                    if (met[i][j] && group[j] < 0) {
                        group[j] = id;
                        queue.add(j);
                    }
                }
            }
            stats.add(new int[] {size, count, first});
        }
        Comparator<int[]> better = Comparator.<int[]>comparingInt(g -> g[0])
                .thenComparingInt(g -> g[1])
                .thenComparing((g, h) -> names.get(h[2]).compareTo(names.get(g[2])));
        int best = -1;
        for (int g = 0; g < stats.size(); g++) {
            if (best < 0 || better.compare(stats.get(g), stats.get(best)) > 0) {
                best = g;
            }
        }
        boolean sizeTied = false;
        boolean countTied = false;
        for (int g = 0; g < stats.size(); g++) {
            if (g != best && stats.get(g)[0] == stats.get(best)[0]) {
                sizeTied = true;
                countTied |= stats.get(g)[1] == stats.get(best)[1];
            }
        }
        boolean[] in = new boolean[n];
        for (int i = 0; i < n; i++) {
            in[i] = group[i] == best && best >= 0;
        }
        return new MainGroup(in, sizeTied, countTied);
    }

    /**
     * The largest strongly connected group of the directed graph {@code scored[i][j]} (i won or tied against j at
     * least once) when it is the only one of its size; none (all false) when two or more share the largest size.
     * Within a strongly connected group the likelihood fixes the differences; between groups it keeps growing as they
     * move apart, so only a single largest group can serve as the reference the others are bounds against.
     */
    static boolean[] uniqueLargestStrongComponent(boolean[][] scored) {
        int n = scored.length;
        boolean[][] reach = new boolean[n][];
        for (int s = 0; s < n; s++) {
            reach[s] = reachable(scored, s);
        }
        boolean[] best = new boolean[n];
        int bestSize = 0;
        boolean tied = false;
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
                tied = false;
            } else if (size == bestSize) {
                tied = true;
            }
        }
        return tied ? new boolean[n] : best;
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
