package io.arenainstruct.studio.service.curation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Finds items that are, contain, or resemble a reference prompt (decision 0014), after the same normalisation as
 * duplicates. An item is contaminated when, in this order of precedence: its normalised text is a prompt's; it
 * shares {@code ngram} words in a row with a prompt (prompts shorter than that are caught by the other two
 * rules only); its shingle Jaccard with a prompt is at or above the reference threshold. Built once per set of
 * references, then safe to use from several threads.
 */
public final class Decontaminator {
    /** Longest shared passage a reason quotes, in characters. */
    static final int QUOTE_CHARS = 80;

    private final List<Reference> references = new ArrayList<>();
    private final Map<String, Integer> byText = new HashMap<>();
    private final Map<Long, int[]> byNgram = new HashMap<>();
    private final List<Map<Long, List<Integer>>> buckets = new ArrayList<>();
    private final LshBands lsh;
    private final int ngram;
    private final double threshold;

    private record Reference(String set, String id, List<String> words, int[] shingles) {}

    public Decontaminator(List<ReferenceSet> sets, CurationOptions options) {
        this.ngram = options.ngram();
        this.threshold = options.referenceThreshold();
        this.lsh = LshBands.forThreshold(threshold, MinHasher.PERMUTATIONS);
        for (int b = 0; b < lsh.bands(); b++) {
            buckets.add(new HashMap<>());
        }
        int[] sig = new int[MinHasher.PERMUTATIONS];
        long[] keys = new long[lsh.bands()];
        for (ReferenceSet set : sets) {
            for (ReferencePrompt prompt : set.prompts()) {
                String normalized = TextNormalizer.normalize(prompt.text());
                List<String> words = TextNormalizer.words(normalized);
                if (words.isEmpty()) {
                    continue;
                }
                int index = references.size();
                int[] shingles = MinHasher.shingles(words);
                references.add(new Reference(set.name(), prompt.id(), words, shingles));
                byText.putIfAbsent(normalized, index);
                long[] wordHashes = wordHashes(words);
                for (int start = 0; start + ngram <= words.size(); start++) {
                    byNgram.putIfAbsent(ngramKey(wordHashes, start, ngram), new int[] {index, start});
                }
                MinHasher.signature(shingles, sig);
                MinHasher.bandKeys(sig, lsh, keys);
                for (int b = 0; b < keys.length; b++) {
                    buckets.get(b)
                            .computeIfAbsent(keys[b], k -> new ArrayList<>())
                            .add(index);
                }
            }
        }
    }

    /** Prompts indexed (those with at least one word). */
    public int referenceCount() {
        return references.size();
    }

    /** Why an item is contaminated, or null when it is clean. */
    public Contamination check(CurationItem item) {
        String normalized = TextNormalizer.normalize(item.text());
        List<String> words = TextNormalizer.words(normalized);
        if (words.isEmpty() || references.isEmpty()) {
            return null;
        }
        int[] shingles = MinHasher.shingles(words);
        Integer same = byText.get(normalized);
        if (same != null) {
            Reference r = references.get(same);
            return new Contamination(
                    item,
                    r.set(),
                    r.id(),
                    quote(words, 0, words.size()),
                    1.0,
                    "same text after normalisation as " + r.set() + " prompt " + r.id());
        }
        long[] wordHashes = wordHashes(words);
        for (int start = 0; start + ngram <= words.size(); start++) {
            int[] hit = byNgram.get(ngramKey(wordHashes, start, ngram));
            if (hit != null) {
                Reference r = references.get(hit[0]);
                // A 64-bit key could collide; the words themselves decide.
                if (words.subList(start, start + ngram).equals(r.words().subList(hit[1], hit[1] + ngram))) {
                    String shared = quote(words, start, start + ngram);
                    return new Contamination(
                            item,
                            r.set(),
                            r.id(),
                            shared,
                            MinHasher.jaccard(shingles, r.shingles()),
                            String.format(
                                    Locale.ROOT,
                                    "shares %d words in a row with %s prompt %s: \u201c%s\u201d",
                                    ngram,
                                    r.set(),
                                    r.id(),
                                    shared));
                }
            }
        }
        int[] sig = new int[MinHasher.PERMUTATIONS];
        long[] keys = new long[lsh.bands()];
        MinHasher.signature(shingles, sig);
        MinHasher.bandKeys(sig, lsh, keys);
        TreeSet<Integer> candidates = new TreeSet<>();
        for (int b = 0; b < keys.length; b++) {
            candidates.addAll(buckets.get(b).getOrDefault(keys[b], List.of()));
        }
        Reference best = null;
        double bestSimilarity = -1;
        for (int c : candidates) {
            double s = MinHasher.jaccard(shingles, references.get(c).shingles());
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = references.get(c);
            }
        }
        if (best == null || bestSimilarity <= 0 || bestSimilarity < threshold) {
            return null;
        }
        return new Contamination(
                item,
                best.set(),
                best.id(),
                null,
                bestSimilarity,
                String.format(
                        Locale.ROOT,
                        "similar to %s prompt %s: Jaccard %.2f over %d-word shingles",
                        best.set(),
                        best.id(),
                        bestSimilarity,
                        MinHasher.SHINGLE_WORDS));
    }

    /** Contaminated items in the input's order. */
    public List<Contamination> checkAll(List<CurationItem> items) {
        return items.parallelStream().map(this::check).filter(Objects::nonNull).toList();
    }

    private static long[] wordHashes(List<String> words) {
        long[] hashes = new long[words.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = MurmurHash3.hash128x64(words.get(i).getBytes(StandardCharsets.UTF_8))[0];
        }
        return hashes;
    }

    private static long ngramKey(long[] wordHashes, int start, int n) {
        long h = 0;
        for (int i = start; i < start + n; i++) {
            h = MinHasher.mix(h * 31 + wordHashes[i]);
        }
        return h;
    }

    private static String quote(List<String> words, int from, int to) {
        String text = String.join(" ", words.subList(from, to));
        return text.length() <= QUOTE_CHARS
                ? text
                : text.substring(0, QUOTE_CHARS - 1).strip() + "\u2026";
    }
}
