package io.arenainstruct.studio.service.curation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.arenainstruct.studio.service.llm.Embedder;
import io.arenainstruct.studio.service.llm.SentenceEmbedder;

/**
 * Issue 13's semantic benchmark (not a test): 10,000 generated English instructions of 20–60 words (an opener,
 * then words from a few hundred common ones), of which 100 are paraphrases planted for the semantic pass: another
 * instruction's words in shuffled order behind an opener of the same sense, so they share almost no word 3-gram
 * with it. Prints the model's load, the embedding of every item, the pairwise pass over the vectors (median of
 * three), and a whole curation (exact, near, semantic at 0.9) with the heap's peak and the planted pairs found.
 */
public final class SemanticBenchmark {
    private static final int ITEMS = Integer.getInteger("bench.semanticItems", 10_000);
    private static final int PLANTED = ITEMS / 100;
    /** Openers and, at the same index, one of the same sense in other words. */
    private static final String[][] OPENERS = {
        {"Write a function that", "Implement a routine which"},
        {"Explain why", "Give the reasons why"},
        {"Summarise the following text about", "Condense this passage on"},
        {"Give three examples of", "List three instances of"},
        {"Describe how", "Tell me the way"},
        {"Draft an email about", "Compose a message regarding"},
        {"List the steps to", "Outline the procedure to"},
        {"Write a poem about", "Compose verses on"},
        {"What is the difference between", "How do these differ:"},
        {"Create a lesson plan on", "Prepare a class outline about"},
        {"Suggest names for", "Propose titles for"},
        {"Plan a trip to", "Organise a journey to"}
    };

    private static final String[] WORDS = ("garden river market engine theory signal protein harbor ledger voltage"
                    + " orbit glacier tariff enzyme syntax village budget climate museum library teacher student"
                    + " doctor patient farmer bakery recipe bread coffee water forest mountain ocean island desert"
                    + " winter summer autumn spring morning evening holiday festival concert painting novel poem"
                    + " history science physics chemistry biology music football chess bicycle train airport"
                    + " hotel kitchen window garden computer network database server password privacy security"
                    + " energy solar battery carbon plastic recycling waste economy inflation interest loan"
                    + " savings startup manager meeting deadline project report customer product service price"
                    + " quality design colour light shadow stone bridge tower castle king queen soldier peace war"
                    + " friendship family children parents school exam grammar language translation dialogue story"
                    + " character plot ending beginning journey map compass weather storm rain snow wind cloud")
            .split(" ");
    private static final String[] LINKS = {"and", "with", "for", "about", "near", "without", "in", "of", "the", "a"};

    private SemanticBenchmark() {}

    public static void run(Consumer<String> report) {
        SplittableRandom random = new SplittableRandom(13);
        List<CurationItem> items = new ArrayList<>(ITEMS);
        List<Integer> openers = new ArrayList<>();
        List<String[]> bodies = new ArrayList<>();
        for (int i = 0; i < ITEMS - PLANTED; i++) {
            int opener = random.nextInt(OPENERS.length);
            String[] body = body(random);
            openers.add(opener);
            bodies.add(body);
            items.add(new CurationItem(i, "instruction " + i, OPENERS[opener][0] + " " + String.join(" ", body)));
        }
        Set<Long> planted = new HashSet<>();
        for (int p = 0; p < PLANTED; p++) {
            int of = random.nextInt(ITEMS - PLANTED);
            String[] body = bodies.get(of).clone();
            shuffle(random, body);
            long id = items.size();
            items.add(new CurationItem(
                    id, "instruction " + id, OPENERS[openers.get(of)][1] + " " + String.join(" ", body)));
            planted.add(id);
        }
        report.accept(String.format(
                Locale.ROOT,
                "semantic: %,d instructions (20–60 words), %,d planted paraphrases (shuffled words, opener in other"
                        + " words), %d cores",
                items.size(),
                PLANTED,
                Runtime.getRuntime().availableProcessors()));
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();

        long t0 = System.nanoTime();
        SentenceEmbedder model = SentenceEmbedder.shared();
        report.accept(String.format(Locale.ROOT, "  model load: %.2f s", seconds(t0)));

        List<String> texts = items.stream().map(CurationItem::text).toList();
        model.embed(texts.subList(0, 200)); // warm-up: the JIT and ONNX Runtime's first runs
        t0 = System.nanoTime();
        float[][] vectors = model.embed(texts);
        double embedSeconds = seconds(t0);
        report.accept(String.format(
                Locale.ROOT,
                "  embedding %,d items: %.1f s (%.0f items/s)",
                items.size(),
                embedSeconds,
                items.size() / embedSeconds));

        Embedder ready = new Embedder() {
            @Override
            public String name() {
                return model.name();
            }

            @Override
            public float[][] embed(List<String> asked) {
                return vectors; // the items, all with words, asked for in id order, which is their order here
            }
        };
        double[] pairwise = new double[3];
        int clusters = 0;
        for (int run = 0; run < 3; run++) {
            t0 = System.nanoTime();
            clusters = SemanticFinder.find(items, CurationOptions.DEFAULT_SEMANTIC_THRESHOLD, ready)
                    .size();
            pairwise[run] = seconds(t0);
        }
        double[] sorted = pairwise.clone();
        Arrays.sort(sorted);
        report.accept(String.format(
                Locale.ROOT,
                "  pairwise pass over the vectors (%,d pairs): median %.2f s of 3 runs (%.2f, %.2f, %.2f s);"
                        + " %,d clusters",
                (long) items.size() * (items.size() - 1) / 2,
                sorted[1],
                pairwise[0],
                pairwise[1],
                pairwise[2],
                clusters));

        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        CurationOptions options = CurationOptions.defaults().withSemantic(true);
        t0 = System.nanoTime();
        CurationReport r = CurationService.curate(items, List.of(), options);
        double curateSeconds = seconds(t0);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long nearFound = found(r, ClusterKind.NEAR, planted);
        long semanticFound = found(r, ClusterKind.SEMANTIC, planted);
        report.accept(String.format(
                Locale.ROOT,
                "  curation, exact + near (0.7) + semantic (0.9): %.1f s, heap peak %d MB; planted paraphrases"
                        + " found %,d of %,d by the near pass, %,d by the semantic pass; %s",
                curateSeconds,
                peak / (1024 * 1024),
                nearFound,
                PLANTED,
                semanticFound,
                r.summary()));
    }

    private static long found(CurationReport r, ClusterKind kind, Set<Long> planted) {
        return r.clusters(kind).stream()
                .flatMap(c -> c.dropped().stream())
                .filter(d -> planted.contains(d.item().id()))
                .count();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String[] body(SplittableRandom random) {
        int n = 18 + random.nextInt(40);
        String[] body = new String[n];
        for (int i = 0; i < n; i++) {
            body[i] = i % 3 == 2
                    ? LINKS[random.nextInt(LINKS.length)]
                    : WORDS[(int) (WORDS.length * Math.pow(random.nextDouble(), 1.5))];
        }
        return body;
    }

    private static void shuffle(SplittableRandom random, String[] words) {
        for (int i = words.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = words[i];
            words[i] = words[j];
            words[j] = t;
        }
    }
}
