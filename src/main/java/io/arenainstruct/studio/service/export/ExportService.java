package io.arenainstruct.studio.service.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

import io.arenainstruct.studio.domain.AppInfo;
import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.agreement.Agreement;
import io.arenainstruct.studio.service.agreement.AgreementService;
import io.arenainstruct.studio.service.curation.CurationItem;
import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.curation.CurationReport;
import io.arenainstruct.studio.service.curation.CurationService;
import io.arenainstruct.studio.service.curation.KeepDecisions;
import io.arenainstruct.studio.service.curation.ReferenceSet;
import io.arenainstruct.studio.service.curation.ReferenceSets;
import io.arenainstruct.studio.service.iteration.IterationService;
import io.arenainstruct.studio.service.ratings.RatingsProblem;
import io.arenainstruct.studio.service.ratings.RatingsService;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.SeedRepository;

/**
 * Curated datasets (issue 13, decision 0015): works out what a selection keeps ({@link #plan}), shows a sample and
 * writes it. Planning walks the store once and keeps only a few numbers per item; writing walks it again a page at a
 * time and streams the kept items' rows, so memory stays bounded whatever the export's size (dedup aside: its pass
 * holds the distinct prompts). Items are walked in id order, so the same store and rules give the same rows.
 */
public final class ExportService {
    static final String DUPLICATE = "had a duplicate or contaminated prompt";
    static final String NOT_BEST = "were not the surest pair of their prompt";
    static final String OVER_QUOTA = "were over their category's share of the row limit";

    private final InstructionService instructions;
    private final ArenaRepository arena;
    private final BattleRepository battles;
    private final AdjudicationRepository votes;
    private final SeedRepository seeds;
    private final TaxonomyService taxonomies;
    private final ReferenceSets referenceSets;
    private final KeepDecisions keeps;
    private final RatingsService ratings;
    private final AgreementService agreement;
    private final IterationService iterations;

    public ExportService(
            InstructionService instructions,
            ArenaRepository arena,
            BattleRepository battles,
            AdjudicationRepository votes,
            SeedRepository seeds,
            TaxonomyService taxonomies,
            ReferenceSets referenceSets,
            KeepDecisions keeps,
            RatingsService ratings,
            AgreementService agreement,
            IterationService iterations) {
        this.iterations = iterations;
        this.ratings = ratings;
        this.agreement = agreement;
        this.referenceSets = referenceSets;
        this.keeps = keeps;
        this.instructions = instructions;
        this.arena = arena;
        this.battles = battles;
        this.votes = votes;
        this.seeds = seeds;
        this.taxonomies = taxonomies;
    }

    /**
     * A dedup and decontamination pass over the selected prompts: what to look for, and the reference sets to check
     * against besides those stored (which every pass uses, as do the curator's keep decisions).
     */
    public record Curation(CurationOptions options, List<ReferenceSet> references) {
        public Curation {
            references = List.copyOf(references);
        }
    }

    /**
     * Works out what the rules keep.
     *
     * @param curation null for no dedup pass
     * @throws IllegalArgumentException the selection does not fit the format, the target model or the dataset is
     *                                  unknown, or a KTO row limit cannot hold a battle
     * @throws CancellationException    cancelled
     */
    public ExportPlan plan(SelectionRules rules, ExportFormat format, Curation curation, Cancellation cancellation) {
        String mismatch = rules.select().mismatch(format);
        if (mismatch != null) {
            throw new IllegalArgumentException(capitalised(mismatch) + ".");
        }
        if (rules.target() != null
                && rules.select().fromBattles()
                && !arena.models().contains(rules.target())) {
            throw new IllegalArgumentException("There is no model named " + rules.target() + "; the models are "
                    + String.join(", ", arena.models()) + ".");
        }
        if (rules.dataset() != null && rules.select().fromBattles()) {
            List<String> datasets =
                    arena.datasets().stream().map(ArenaDataset::name).sorted().toList();
            if (!datasets.contains(rules.dataset())) {
                throw new IllegalArgumentException("There is no dataset named " + rules.dataset() + "; "
                        + (datasets.isEmpty()
                                ? "none is imported yet."
                                : "the datasets are " + String.join(", ", datasets) + "."));
            }
        }
        if (rules.select() == ExportSelect.KTO && rules.limit() != null && rules.limit() < 2) {
            throw new IllegalArgumentException(
                    "A KTO battle gives two rows, its good and its bad answer: the row limit must be at least 2.");
        }
        ItemSource source = source(rules, format);
        Kept kept = new Kept();
        Map<String, Long> removed = new LinkedHashMap<>();
        long[] considered = {0};
        Map<Long, CurationItem> prompts = new LinkedHashMap<>();
        List<KeepDecision> keptBack = curation == null ? List.of() : new ArrayList<>(keeps.list());
        Map<String, KeepDecision> keepsByHash = new HashMap<>();
        keptBack.forEach(k -> keepsByHash.putIfAbsent(k.textSha256(), k));
        source.walk(
                new ItemSource.Visitor() {
                    @Override
                    public void removed(String rule) {
                        considered[0]++;
                        removed.merge(rule, 1L, Long::sum);
                    }

                    @Override
                    public boolean kept(ExportItem item) {
                        considered[0]++;
                        kept.add(item);
                        if (curation != null && !prompts.containsKey(item.promptId())) {
                            prompts.put(
                                    item.promptId(),
                                    new CurationItem(item.promptId(), label(rules, item), item.prompt()));
                            keepAsListed(item);
                        }
                        return true;
                    }

                    /**
                     * A keep decision names the text the Duplicates pane lists, which can be shorter than the text
                     * compared here (no input, no earlier turns): it holds for the compared text too.
                     */
                    private void keepAsListed(ExportItem item) {
                        if (keepsByHash.isEmpty()
                                || item.keepText() == null
                                || item.keepText().equals(item.prompt())) {
                            return;
                        }
                        KeepDecision k = keepsByHash.get(Hashes.sha256(item.keepText()));
                        if (k != null) {
                            KeepDecision compared = new KeepDecision(
                                    Hashes.sha256(item.prompt()), k.itemLabel(), k.annotator(), k.keptAt());
                            if (keepsByHash.putIfAbsent(compared.textSha256(), compared) == null) {
                                keptBack.add(compared);
                            }
                        }
                    }
                },
                false,
                cancellation);
        checkCancelled(cancellation);
        boolean[] out = new boolean[kept.size];
        if (rules.select() == ExportSelect.DPO && rules.bestPairOnly()) {
            bestPairs(kept, out);
            count(out, removed, NOT_BEST);
        }
        CurationReport report = null;
        List<String> references = List.of();
        if (curation != null) {
            List<ReferenceSet> sets = new ArrayList<>(referenceSets.all());
            sets.addAll(curation.references());
            references = sets.stream().map(ReferenceSet::name).toList();
            report = CurationService.curate(new ArrayList<>(prompts.values()), sets, curation.options(), keptBack);
            Set<Long> dropped = report.droppedIds();
            for (int i = 0; i < kept.size; i++) {
                if (!out[i] && dropped.contains(kept.promptIds[i])) {
                    out[i] = true;
                    removed.merge(DUPLICATE, 1L, Long::sum);
                }
            }
        }
        checkCancelled(cancellation);
        if (rules.limit() != null) {
            limit(rules.limit(), kept, out, removed);
        }
        long[] keys = new long[kept.size];
        int n = 0;
        long rows = 0;
        Map<String, Long> perSkill = new TreeMap<>();
        Map<String, Long> perCategory = new TreeMap<>();
        for (int i = 0; i < kept.size; i++) {
            if (!out[i]) {
                keys[n++] = kept.keys[i];
                rows += kept.rows[i];
                perSkill.merge(kept.skills.get(kept.skillIds[i]), (long) kept.rows[i], Long::sum);
                perCategory.merge(kept.categories.get(kept.categoryIds[i]), (long) kept.rows[i], Long::sum);
            }
        }
        SelectionCounts counts = new SelectionCounts(
                source.unit(), considered[0], removed, n, rows, perSkill, perCategory, scope(rules));

        return new ExportPlan(rules, format, counts, report, references, Arrays.copyOf(keys, n));
    }

    /** The first {@code max} rows the plan writes, with their metadata when asked: what the Export area shows. */
    public List<ExportRow> sample(ExportPlan plan, int max, boolean metadata) {
        List<ExportRow> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        source(plan.rules(), plan.format())
                .walk(
                        new ItemSource.Visitor() {
                            @Override
                            public void removed(String rule) {}

                            @Override
                            public boolean kept(ExportItem item) {
                                if (plan.includes(item.key())) {
                                    for (ExportRow r : item.rows()) {
                                        if (out.size() < max) {
                                            out.add(r);
                                        }
                                    }
                                }
                                return out.size() < max;
                            }
                        },
                        metadata,
                        Cancellation.NEVER);
        return out;
    }

    /**
     * The plan's rows in order, read from the store a page at a time as they are taken. Items whose verdicts or
     * texts changed since the plan so that the rules now leave them out are skipped.
     */
    public Rows rows(ExportPlan plan, boolean metadata, Cancellation cancellation) {
        return new Rows(plan, source(plan.rules(), plan.format()), metadata, cancellation);
    }

    /** The rows of a plan as they are read, and the models whose answers they hold so far. */
    public static final class Rows implements Iterator<ExportRow> {
        private final ExportPlan plan;
        private final ItemSource source;
        private final boolean metadata;
        private final Cancellation cancellation;
        private final Deque<ExportRow> buffer = new ArrayDeque<>();
        private final Set<String> models = new TreeSet<>();
        private long after = 0;

        private Rows(ExportPlan plan, ItemSource source, boolean metadata, Cancellation cancellation) {
            this.plan = plan;
            this.source = source;
            this.metadata = metadata;
            this.cancellation = cancellation;
        }

        /** @throws CancellationException once cancelled */
        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && after >= 0 && after < plan.lastKey()) {
                checkCancelled(cancellation);
                after = source.walkPage(
                        after,
                        new ItemSource.Visitor() {
                            @Override
                            public void removed(String rule) {}

                            @Override
                            public boolean kept(ExportItem item) {
                                if (plan.includes(item.key())) {
                                    buffer.addAll(item.rows());
                                    models.addAll(item.models());
                                }
                                return true;
                            }
                        },
                        metadata);
            }
            return !buffer.isEmpty();
        }

        @Override
        public ExportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.removeFirst();
        }

        /** The models whose answers are in the rows read so far, by name. */
        public List<String> models() {
            return List.copyOf(models);
        }
    }

    /**
     * Writes the plan's rows to {@code file} as JSONL, atomically (see {@link JsonlWriter#write(Path, Iterator,
     * boolean)}): the whole file under its name at the end, or nothing.
     *
     * @return rows written
     */
    public long write(ExportPlan plan, Path file, boolean metadata, boolean replace, Cancellation cancellation)
            throws IOException {
        return new JsonlWriter(plan.format(), metadata).write(file, rows(plan, metadata, cancellation), replace);
    }

    /** What a dataset card asks beyond the plan: the license (null: none given), language and the command. */
    public record CardRequest(String license, String language, String command) {}

    /**
     * Writes the plan as a dataset folder the Hugging Face Hub takes as it is ({@link DatasetFolder}): the rows in
     * {@code data/train.jsonl} and a card in {@code README.md} with the counts, the models' ratings, the judges'
     * agreement with people, the rules, dedup results and the command that makes it again.
     */
    public DatasetFolder.Written writeFolder(
            ExportPlan plan,
            Path folder,
            boolean metadata,
            boolean replace,
            CardRequest card,
            Cancellation cancellation)
            throws IOException {
        Leaderboard board = cardRatings();
        Agreement judges = cardAgreement();
        Rows rows = rows(plan, metadata, cancellation);
        SelectionCounts counts = plan.counts();
        CurationReport curation = plan.curation();
        return DatasetFolder.write(
                folder,
                replace,
                new JsonlWriter(plan.format(), metadata),
                rows,
                n -> new CardFacts(
                        title(plan.rules().select()),
                        plan.format().id(),
                        plan.rules().select().id(),
                        n,
                        card.license(),
                        card.language(),
                        counts.perSkill(),
                        counts.perCategory(),
                        plan.rules().words(),
                        curation == null ? null : curationWords(curation),
                        plan.references(),
                        rows.models(),
                        card.command(),
                        AppInfo.version()),
                board,
                judges);
    }

    /**
     * The ratings a card shows: from people's and the judges' verdicts made here; where there are none, from the
     * imported ones; none when nothing is rated at all.
     */
    private Leaderboard cardRatings() {
        for (RatingSource source : List.of(RatingSource.COMBINED, RatingSource.IMPORTED)) {
            try {
                return ratings.compute(RatingOptions.defaults().withSource(source));
            } catch (RatingsProblem e) {
                // nothing to rate from this source: try the next
            }
        }
        return null;
    }

    /** Judges against people for a card; none when people have decided no battle yet. */
    private Agreement cardAgreement() {
        Agreement a = agreement.compute(null);
        return a.overall().humanBattles() == 0 ? null : a;
    }

    private static String title(ExportSelect select) {
        return switch (select) {
            case INSTRUCTIONS -> "Curated instructions from ArenaInstruct Studio";
            case SFT -> "Battle winners from ArenaInstruct Studio";
            case DPO -> "Preference pairs from ArenaInstruct Studio";
            case KTO -> "Answers labelled good or bad from ArenaInstruct Studio";
        };
    }

    /** The dedup pass in words, a line each (the card makes each line a bullet). */
    private static String curationWords(CurationReport r) {
        StringBuilder out = new StringBuilder(r.summary());
        CurationOptions o = r.options();
        out.append('\n').append("exact duplicates: the same text once case, accents and punctuation are set aside");
        if (o.near()) {
            out.append('\n')
                    .append(String.format(
                            Locale.ROOT,
                            "near duplicates: word 3-gram Jaccard %.2f or more (MinHash with LSH)",
                            o.nearThreshold()));
        }
        if (o.semantic()) {
            out.append('\n')
                    .append(String.format(
                            Locale.ROOT,
                            "semantic duplicates: cosine %.2f or more of all-MiniLM-L6-v2 sentence embeddings",
                            o.semanticThreshold()));
        }
        out.append('\n')
                .append(String.format(
                        Locale.ROOT,
                        "contamination: %d words in a row shared with a reference prompt, or Jaccard %.2f or more",
                        o.ngram(),
                        o.referenceThreshold()));
        return out.toString();
    }

    private ItemSource source(SelectionRules rules, ExportFormat format) {
        Provenance provenance = new Provenance(seeds);
        TimeRange made = rules.iteration() == null ? TimeRange.ALL : iterations.range(rules.iteration());
        return rules.select().fromBattles()
                ? new BattleSource(battles, arena, votes, instructions, provenance, rules, format, made)
                : new InstructionSource(instructions, provenance, rules, made);
    }

    /** What narrows the items read (the SQL filters of each source), in words; null when nothing does. */
    private static String scope(SelectionRules rules) {
        List<String> parts = new ArrayList<>();
        if (rules.runId() != null) {
            parts.add("run " + rules.runId());
        }
        boolean battles = rules.select().fromBattles();
        if (battles && rules.dataset() != null) {
            parts.add("dataset " + rules.dataset());
        }
        if (!battles && rules.skill() != null) {
            parts.add("skill " + rules.skill());
        }
        if (rules.category() != null) {
            parts.add("category " + rules.category());
        }
        if (battles && rules.target() != null) {
            parts.add("model " + rules.target());
        }
        if (rules.iteration() != null) {
            parts.add("iteration " + rules.iteration());
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String label(SelectionRules rules, ExportItem item) {
        return rules.select().fromBattles() ? "arena prompt " + item.promptId() : "instruction " + item.promptId();
    }

    /** Of each prompt's pairs, only the surest stays (the lowest battle id among equals). */
    private static void bestPairs(Kept kept, boolean[] out) {
        Map<Long, Integer> best = new HashMap<>();
        for (int i = 0; i < kept.size; i++) {
            Integer j = best.get(kept.promptIds[i]);
            if (j == null || kept.sureness[i] > kept.sureness[j]) {
                best.put(kept.promptIds[i], i);
            }
        }
        for (int i = 0; i < kept.size; i++) {
            out[i] = best.get(kept.promptIds[i]) != i;
        }
    }

    private static void count(boolean[] out, Map<String, Long> removed, String rule) {
        long n = 0;
        for (boolean b : out) {
            n += b ? 1 : 0;
        }
        if (n > 0) {
            removed.merge(rule, n, Long::sum);
        }
    }

    /**
     * The row limit shared among skill and category pairs by their taxonomy weights ({@link Quotas}). Every item of
     * a selection gives as many rows (KTO two, else one), so the limit is shared in items: a share in rows could
     * leave half an item's rows unused in each pair.
     */
    private void limit(long limit, Kept kept, boolean[] out, Map<String, Long> removed) {
        int per = 1;
        for (int i = 0; i < kept.size; i++) {
            per = Math.max(per, kept.rows[i]);
        }
        Map<String, Long> available = new HashMap<>();
        Map<String, Double> weights = new HashMap<>();
        Map<String, Optional<Taxonomy>> taxonomyCache = new HashMap<>();
        for (int i = 0; i < kept.size; i++) {
            if (!out[i]) {
                String key = quotaKey(kept, i);
                available.merge(key, 1L, Long::sum);
                String skill = kept.skills.get(kept.skillIds[i]);
                String category = kept.categories.get(kept.categoryIds[i]);
                weights.computeIfAbsent(key, k -> weight(taxonomyCache, skill, category));
            }
        }
        Map<String, Long> share = Quotas.share(limit / per, available, weights);
        Map<String, Long> taken = new HashMap<>();
        for (int i = 0; i < kept.size; i++) {
            if (!out[i]) {
                String key = quotaKey(kept, i);
                long t = taken.getOrDefault(key, 0L);
                if (t + 1 > share.getOrDefault(key, 0L)) {
                    out[i] = true;
                    removed.merge(OVER_QUOTA, 1L, Long::sum);
                } else {
                    taken.put(key, t + 1);
                }
            }
        }
    }

    private static String quotaKey(Kept kept, int i) {
        return kept.skills.get(kept.skillIds[i]) + "\u0000" + kept.categories.get(kept.categoryIds[i]);
    }

    /** A category's weight in its skill's taxonomy; 1 when the item has no skill or the taxonomy no such category. */
    private double weight(Map<String, Optional<Taxonomy>> cache, String skill, String category) {
        Optional<Taxonomy> t = cache.computeIfAbsent(skill, taxonomies::find);
        return t.flatMap(tx -> tx.categories().stream()
                        .filter(c -> c.name().equals(category))
                        .findFirst())
                .map(TaxonomyNode::weight)
                .orElse(1.0);
    }

    private static void checkCancelled(Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw new CancellationException("the export was cancelled");
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** What planning keeps of each item: a few primitives, so a million items take tens of megabytes. */
    private static final class Kept {
        long[] keys = new long[1024];
        long[] promptIds = new long[1024];
        int[] skillIds = new int[1024];
        int[] categoryIds = new int[1024];
        double[] sureness = new double[1024];
        int[] rows = new int[1024];
        int size;
        final List<String> skills = new ArrayList<>();
        final List<String> categories = new ArrayList<>();
        private final Map<String, Integer> skillIndex = new HashMap<>();
        private final Map<String, Integer> categoryIndex = new HashMap<>();

        void add(ExportItem item) {
            if (size == keys.length) {
                int n = size * 2;
                keys = Arrays.copyOf(keys, n);
                promptIds = Arrays.copyOf(promptIds, n);
                skillIds = Arrays.copyOf(skillIds, n);
                categoryIds = Arrays.copyOf(categoryIds, n);
                sureness = Arrays.copyOf(sureness, n);
                rows = Arrays.copyOf(rows, n);
            }
            keys[size] = item.key();
            promptIds[size] = item.promptId();
            skillIds[size] = index(item.skill(), skills, skillIndex);
            categoryIds[size] = index(item.category(), categories, categoryIndex);
            sureness[size] = item.sureness();
            rows[size] = item.rows().size();
            size++;
        }

        private static int index(String s, List<String> names, Map<String, Integer> index) {
            return index.computeIfAbsent(s, k -> {
                names.add(k);
                return names.size() - 1;
            });
        }
    }
}
