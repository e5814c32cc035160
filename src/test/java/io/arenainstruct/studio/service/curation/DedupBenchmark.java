package io.arenainstruct.studio.service.curation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Issue 13's near-duplicate benchmark (not a test): 100,000 generated instructions of 20–80 words (an opener from
 * a few dozen, then words from a 5,000-word vocabulary), of which 1,000 are copies of others in other case and
 * spacing and 1,000 are paraphrases (one word in the middle changed: Jaccard 0.71 or more). One warm-up run, then
 * the median of three, with the heap's peak; and the share of planted pairs found. Then the same items checked
 * against 1,000 reference prompts with 100 of them planted.
 */
public final class DedupBenchmark {
    private static final int ITEMS = Integer.getInteger("bench.dedupItems", 100_000);
    private static final int PLANTED = ITEMS / 100;
    private static final String[] OPENERS = {
        "Write a function that",
        "Explain why",
        "Summarise the following text about",
        "Give three examples of",
        "Describe how",
        "Compare and contrast",
        "Draft an email about",
        "List the steps to",
        "Write a poem about",
        "Translate into French",
        "What is the difference between",
        "Create a lesson plan on",
        "Write a story where",
        "Suggest names for",
        "Outline an essay on",
        "Design a database for",
        "Debug this code that",
        "Write a SQL query that",
        "Plan a trip to",
        "Write a product description for"
    };

    private DedupBenchmark() {}

    public static void run(Consumer<String> report) {
        SplittableRandom random = new SplittableRandom(13);
        String[] vocabulary = vocabulary(random, 5_000);
        List<CurationItem> items = new ArrayList<>(ITEMS);
        Set<Long> copies = new HashSet<>();
        Set<Long> paraphrases = new HashSet<>();
        for (int i = 0; i < ITEMS - 2 * PLANTED; i++) {
            items.add(new CurationItem(i, "instruction " + i, text(random, vocabulary)));
        }
        for (int p = 0; p < PLANTED; p++) {
            long id = items.size();
            String original = items.get(random.nextInt(ITEMS - 2 * PLANTED)).text();
            items.add(new CurationItem(id, "instruction " + id, "  " + original.toUpperCase(Locale.ROOT) + " "));
            copies.add(id);
        }
        for (int p = 0; p < PLANTED; p++) {
            long id = items.size();
            String[] words =
                    items.get(random.nextInt(ITEMS - 2 * PLANTED)).text().split(" ");
            words[words.length / 2] = "changed" + p;
            items.add(new CurationItem(id, "instruction " + id, String.join(" ", words)));
            paraphrases.add(id);
        }
        report.accept(String.format(
                Locale.ROOT,
                "dedup: %,d instructions (20–80 words), %,d planted copies, %,d planted paraphrases, %d cores",
                items.size(),
                PLANTED,
                PLANTED,
                Runtime.getRuntime().availableProcessors()));
        CurationOptions options = CurationOptions.defaults();
        time(report, "exact and near (0.7)", () -> CurationService.curate(items, List.of(), options), r -> {
            long copiesFound = dropped(r, ClusterKind.EXACT).stream()
                    .filter(copies::contains)
                    .count();
            long paraphrasesFound = dropped(r, ClusterKind.NEAR).stream()
                    .filter(paraphrases::contains)
                    .count();
            return String.format(
                    Locale.ROOT,
                    "copies found %,d of %,d, paraphrases found %,d of %,d; %s",
                    copiesFound,
                    PLANTED,
                    paraphrasesFound,
                    PLANTED,
                    r.summary());
        });
        List<ReferencePrompt> prompts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String text = i < 100 ? items.get(i * 97).text() : text(random, vocabulary);
            prompts.add(new ReferencePrompt("q" + i, text));
        }
        List<ReferenceSet> sets = List.of(new ReferenceSet("bench", prompts));
        time(
                report,
                "decontamination against 1,000 prompts (100 planted)",
                () -> CurationService.curate(items, sets, options.withNear(false)),
                r -> String.format(
                        Locale.ROOT, "%,d contaminated", r.contaminated().size()));
    }

    private static List<Long> dropped(CurationReport r, ClusterKind kind) {
        return r.clusters(kind).stream()
                .flatMap(c -> c.dropped().stream())
                .map(d -> d.item().id())
                .toList();
    }

    private static void time(
            Consumer<String> report,
            String what,
            Supplier<CurationReport> work,
            Function<CurationReport, String> describe) {
        work.get();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        List<Double> seconds = new ArrayList<>();
        CurationReport last = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            last = work.get();
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        List<Double> sorted = seconds.stream().sorted().toList();
        report.accept(String.format(
                Locale.ROOT,
                "  %s: median %.2f s of 3 runs (%.2f, %.2f, %.2f s), heap peak %d MB; %s",
                what,
                sorted.get(1),
                seconds.get(0),
                seconds.get(1),
                seconds.get(2),
                peak / (1024 * 1024),
                describe.apply(last)));
    }

    private static String[] vocabulary(SplittableRandom random, int size) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qu", "ber", "dor", "fen"};
        Set<String> words = new HashSet<>();
        while (words.size() < size) {
            StringBuilder w = new StringBuilder();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                w.append(syllables[random.nextInt(syllables.length)]);
            }
            words.add(w.toString());
        }
        return words.stream().sorted().toArray(String[]::new);
    }

    private static String text(SplittableRandom random, String[] vocabulary) {
        String opener = OPENERS[random.nextInt(OPENERS.length)];
        int words = 20 + random.nextInt(61) - opener.split(" ").length;
        StringBuilder sb = new StringBuilder(opener);
        for (int i = 0; i < words; i++) {
            // Skewed towards the first words, as real word use is.
            int w = (int) (vocabulary.length * Math.pow(random.nextDouble(), 2));
            sb.append(' ').append(vocabulary[w]);
        }
        return sb.append('.').toString();
    }
}
