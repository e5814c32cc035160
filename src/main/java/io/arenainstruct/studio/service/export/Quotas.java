package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares a number of rows among categories by weight (issue 13: per-category quotas following the taxonomy weights):
 * each category's share is the limit × its weight ÷ the weights of the categories still sharing; a category with
 * fewer rows than its share gives all it has and the rest is shared again among the others; whole rows left over
 * go one each to the largest remainders (ties: the category first in name order). A category of weight 0 gets none.
 */
final class Quotas {
    private Quotas() {}

    /**
     * @param available rows each category has, by category
     * @param weights   each category's weight (missing: 1)
     * @return rows to take from each category, summing to min(limit, rows available in categories of weight above 0)
     */
    static Map<String, Long> share(long limit, Map<String, Long> available, Map<String, Double> weights) {
        Map<String, Long> out = new LinkedHashMap<>();
        available.keySet().stream().sorted().forEach(c -> out.put(c, 0L));
        List<String> sharing = new ArrayList<>();
        for (String c : out.keySet()) {
            if (available.get(c) > 0 && weights.getOrDefault(c, 1.0) > 0) {
                sharing.add(c);
            }
        }
        long left = limit;
        while (left > 0 && !sharing.isEmpty()) {
            double total = sharing.stream()
                    .mapToDouble(c -> weights.getOrDefault(c, 1.0))
                    .sum();
            // First give whole categories whose share is at least what they have, then share again.
            List<String> full = new ArrayList<>();
            for (String c : sharing) {
                double share = left * weights.getOrDefault(c, 1.0) / total;
                if (share >= available.get(c)) {
                    full.add(c);
                }
            }
            if (!full.isEmpty()) {
                for (String c : full) {
                    out.put(c, available.get(c));
                    left -= available.get(c);
                }
                sharing.removeAll(full);
                continue;
            }
            Map<String, Double> remainders = new LinkedHashMap<>();
            long given = 0;
            for (String c : sharing) {
                double share = left * weights.getOrDefault(c, 1.0) / total;
                long whole = (long) Math.floor(share);
                out.put(c, whole);
                given += whole;
                remainders.put(c, share - whole);
            }
            long extra = left - given;
            List<String> byRemainder = new ArrayList<>(sharing);
            byRemainder.sort(
                    Comparator.comparing((String c) -> -remainders.get(c)).thenComparing(c -> c));
            for (int i = 0; i < extra; i++) {
                String c = byRemainder.get(i);
                out.put(c, out.get(c) + 1);
            }
            left = 0;
        }
        return out;
    }
}
