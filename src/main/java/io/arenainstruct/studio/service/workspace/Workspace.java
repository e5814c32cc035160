package io.arenainstruct.studio.service.workspace;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.run.InterruptedRun;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.service.adjudication.AdjudicationService;
import io.arenainstruct.studio.service.agreement.AgreementService;
import io.arenainstruct.studio.service.arena.AnswerPrompts;
import io.arenainstruct.studio.service.arena.ArenaJobService;
import io.arenainstruct.studio.service.arena.BattleService;
import io.arenainstruct.studio.service.arena.DatasetService;
import io.arenainstruct.studio.service.arena.InstructionSelector;
import io.arenainstruct.studio.service.arena.JudgeAgents;
import io.arenainstruct.studio.service.arena.JudgeTrials;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.service.arena.battlefiles.BattleFileImporter;
import io.arenainstruct.studio.service.curation.KeepDecisions;
import io.arenainstruct.studio.service.curation.ReferenceSets;
import io.arenainstruct.studio.service.curation.StoreCuration;
import io.arenainstruct.studio.service.curation.StoreItems;
import io.arenainstruct.studio.service.export.ExportService;
import io.arenainstruct.studio.service.flow.FlowFileException;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.iteration.IterationService;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.llm.CallLedgerService;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.loop.BattleRegeneration;
import io.arenainstruct.studio.service.loop.LoopService;
import io.arenainstruct.studio.service.loop.NextIteration;
import io.arenainstruct.studio.service.ratings.RatingsService;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.seeds.SeedImporter;
import io.arenainstruct.studio.service.seeds.SeedService;
import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.AgreementRepository;
import io.arenainstruct.studio.store.ArenaJobRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.store.CurationRepository;
import io.arenainstruct.studio.store.EndpointRepository;
import io.arenainstruct.studio.store.FlowRepository;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.IterationRepository;
import io.arenainstruct.studio.store.ProposalRepository;
import io.arenainstruct.studio.store.RatingsRepository;
import io.arenainstruct.studio.store.RunRepository;
import io.arenainstruct.studio.store.SeedRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.StoreException;
import io.arenainstruct.studio.store.StoreInUseException;
import io.arenainstruct.studio.store.TaxonomyRepository;
import io.arenainstruct.studio.store.WorkspaceSettingsRepository;

/** An open store and the services over it: what both the GUI and the command line work with. */
public final class Workspace implements AutoCloseable {
    private final Store store;
    private final SeedRepository seeds;
    private final TaxonomyService taxonomies;
    /** The store setting that lists the interrupted runs the app has offered to resume (once each). */
    private static final String OFFERED_RUNS = "runs.interrupted.offered";

    private final WorkspaceSettingsRepository settings;
    private final CallLedgerRepository ledger;
    private final ModelGateway gateway;
    private final EndpointService endpoints;
    private final FlowService flows;
    private final RunService runs;
    private final InstructionService instructions;
    private final BattleService battles;
    private final AdjudicationService adjudication;
    private final DatasetService datasets;
    private final BattleFileImporter battleFiles;
    private final ArenaJobService arenaJobs;
    private final JudgeTrials judgeTrials;
    private final AgreementService agreement;
    /** Votes, judging jobs' commits and battle-file imports tell it; the Leaderboard listens. */
    private final VerdictChanges verdictChanges = new VerdictChanges();
    /** Every client's committed changes (decision 0025). */
    private final WorkspaceChanges changes;

    private final RatingsService ratings;
    private final IterationService iterations;
    private final StoreItems curationItems;
    private final ExportService exports;
    private final ReferenceSets referenceSets;
    private final LoopService loop;
    private final BattleRegeneration regeneration;
    private final NextIteration nextIteration;
    private final KeepDecisions keepDecisions;
    private final StoreCuration curation;
    /** Cancelled runs get this long to keep what they finished before the store closes. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    private final JobRegistry<RunProgress> jobs = JobRegistry.withOwnThread(CLOSE_WAIT);
    /** The arena's answering and judging jobs (ids of their own, so a registry of their own). */
    private final JobRegistry<JobProgress<String>> arenaRegistry = JobRegistry.withOwnThread(CLOSE_WAIT);

    private Workspace(Store store, KeyResolver keys, RetryPolicy retries) {
        this.store = store;
        this.changes = new WorkspaceChanges(store, verdictChanges);
        this.seeds = new SeedRepository(store);
        this.taxonomies = new TaxonomyService(new TaxonomyRepository(store));
        this.settings = new WorkspaceSettingsRepository(store);
        this.ledger = new CallLedgerRepository(store);
        this.gateway = new ModelGateway(ledger, keys, retries);
        this.endpoints = new EndpointService(new EndpointRepository(store), keys, gateway);
        this.flows = new FlowService(new FlowRepository(store));
        try {
            // Every store gets the shipped flow of a skill it has none for; edited flows stay as they are.
            flows.installMissing(ShippedFlows.read());
        } catch (FlowFileException e) {
            Logger.getLogger(Workspace.class.getName()).warning("shipped flows with problems:\n" + e.getMessage());
        }
        InstructionRepository instructionRepository = new InstructionRepository(store);
        this.runs = new RunService(
                flows,
                taxonomies,
                endpoints,
                seeds,
                new RunRepository(store),
                instructionRepository,
                gateway,
                ledger,
                skill -> SampleWorkspace.shippedTaxonomies().stream()
                        .filter(t -> t.skillId().equals(skill))
                        .findFirst(),
                jobs);
        this.instructions = new InstructionService(instructionRepository);
        ArenaRepository arenaRepository = new ArenaRepository(store);
        InstructionSelector selector = new InstructionSelector(arenaRepository, instructions);
        BattleRepository battleRepository = new BattleRepository(store);
        this.battles = new BattleService(arenaRepository, battleRepository, selector);
        this.datasets = new DatasetService(arenaRepository, verdictChanges);
        this.curationItems = new StoreItems(instructions, arenaRepository);
        CurationRepository curationRepository = new CurationRepository(store);
        this.referenceSets = new ReferenceSets(curationRepository, Clock.systemUTC());
        this.keepDecisions = new KeepDecisions(curationRepository, curationItems, Clock.systemUTC());
        this.curation = new StoreCuration(curationItems, referenceSets, keepDecisions);
        this.battleFiles = new BattleFileImporter(arenaRepository, battleRepository, verdictChanges);
        this.judgeTrials = new JudgeTrials(arenaRepository, battleRepository);
        AdjudicationRepository adjudicationRepository = new AdjudicationRepository(store);
        this.adjudication = new AdjudicationService(
                adjudicationRepository, battles, arenaRepository, Clock.systemUTC(), verdictChanges, settings);
        this.agreement = new AgreementService(new AgreementRepository(store));
        this.ratings = new RatingsService(new RatingsRepository(store), Clock.systemUTC());
        IterationRepository iterationRepository = new IterationRepository(store);
        this.iterations = new IterationService(iterationRepository, ratings, Clock.systemUTC());
        this.exports = new ExportService(
                instructions,
                arenaRepository,
                battleRepository,
                adjudicationRepository,
                seeds,
                taxonomies,
                referenceSets,
                keepDecisions,
                ratings,
                agreement,
                iterations);
        this.loop = new LoopService(
                battleRepository,
                arenaRepository,
                instructions,
                taxonomies,
                flows,
                skill -> SampleWorkspace.shippedTaxonomies().stream()
                        .filter(t -> t.skillId().equals(skill))
                        .findFirst(),
                new ProposalRepository(store),
                () -> iterationRepository.latest().map(Iteration::number).orElse(1),
                iterationRepository::list,
                Clock.systemUTC());
        this.arenaJobs = new ArenaJobService(
                arenaRepository,
                battleRepository,
                new ArenaJobRepository(store),
                selector,
                endpoints,
                gateway,
                new JudgeAgents(new FlowRepository(store)),
                arenaRegistry,
                verdictChanges,
                new AnswerPrompts(new FlowRepository(store)));
        this.regeneration = new BattleRegeneration(battleRepository, arenaRepository, arenaJobs, endpoints, iterations);
        this.nextIteration = new NextIteration(iterations, iterationRepository, runs, arenaJobs, battles, endpoints);
    }

    /** Whether a failure is the store's (a file it cannot open, read or write), told in words by its message. */
    public static boolean storeProblem(Throwable error) {
        return error instanceof StoreException;
    }

    /** Whether opening failed because another window or process holds the store (its message says so in words). */
    public static boolean heldElsewhere(Throwable error) {
        return error instanceof StoreInUseException;
    }

    /** Opens the store in {@code dir}, creating it (empty) when it does not exist. */
    public static Workspace open(Path dir) {
        return open(
                dir,
                KeyResolver.system(DataDirectories.userDataDir().resolve("secrets.properties")),
                RetryPolicy.DEFAULT);
    }

    /** Opens with a given key source and retry policy (tests use short backoffs and planted keys). */
    public static Workspace open(Path dir, KeyResolver keys, RetryPolicy retries) {
        return new Workspace(Store.open(dir), keys, retries);
    }

    /** Opens a store folder or a team store on PostgreSQL (a folder is created, empty, when it does not exist). */
    public static Workspace open(StoreLocation location) {
        return open(
                location,
                KeyResolver.system(DataDirectories.userDataDir().resolve("secrets.properties")),
                RetryPolicy.DEFAULT);
    }

    public static Workspace open(StoreLocation location, KeyResolver keys, RetryPolicy retries) {
        return new Workspace(Store.open(location, DataDirectories.teamStoreFiles(location)), keys, retries);
    }

    /**
     * Reads and writes on {@code thread} (the app's FX thread) fail at once when a team store's server is away,
     * instead of waiting for it: the window stays responsive and says what was not saved.
     */
    public void answerAtOnceOn(Thread thread) {
        store.answerAtOnceOn(thread);
    }

    /** The store as a curator names it: its folder, or its PostgreSQL address (never a password). */
    public String storeName() {
        return store.location().display();
    }

    public StoreLocation location() {
        return store.location();
    }

    /** The folder of this process's files for the store: for an embedded store, the store itself. */
    public Path directory() {
        return store.directory();
    }

    // The store and repositories stay in this package (SampleWorkspace; tests reach them through their
    // WorkspaceRepositories): code above the services gets services, which hold the checks and rules.
    Store store() {
        return store;
    }

    SeedRepository seeds() {
        return seeds;
    }

    public SeedImporter seedImporter() {
        return new SeedImporter(seeds);
    }

    /** The seed library as the UI uses it. */
    public SeedService seedService() {
        return new SeedService(seeds);
    }

    /** Arena datasets: importing instruction files and listing what was imported. */
    public DatasetService datasets() {
        return datasets;
    }

    public TaxonomyService taxonomies() {
        return taxonomies;
    }

    WorkspaceSettingsRepository settings() {
        return settings;
    }

    CallLedgerRepository ledger() {
        return ledger;
    }

    /** The call ledger for review (what the UI reads). */
    public CallLedgerService callLedger() {
        return new CallLedgerService(ledger);
    }

    public ModelGateway gateway() {
        return gateway;
    }

    public EndpointService endpoints() {
        return endpoints;
    }

    public FlowService flows() {
        return flows;
    }

    public RunService runs() {
        return runs;
    }

    public InstructionService instructions() {
        return instructions;
    }

    /** Imports battle files (Chatbot-Arena, FastChat pairwise, Arena-Hard judgments). */
    public BattleFileImporter battleFiles() {
        return battleFiles;
    }

    /** The arena's battles: made from answers, listed with their verdicts. */
    public BattleService battles() {
        return battles;
    }

    /** People deciding battles: the queue, votes, undo, override reasons, edit-then-prefer. */
    public AdjudicationService adjudication() {
        return adjudication;
    }
    /**
     * Every interrupted run the app has not offered to resume yet, recorded as offered now (once each): a command
     * that opened the store first marked it, so "interrupted at this open" alone would miss it.
     */
    public List<InterruptedRun> interruptedRunsNotYetOffered() {
        Set<String> offered = new TreeSet<>(
                Arrays.asList(settings.get(OFFERED_RUNS).orElse("").split(",")));
        offered.remove("");
        List<InterruptedRun> toOffer = runs.stillInterrupted().stream()
                .filter(r -> !offered.contains(String.valueOf(r.runId())))
                .toList();
        if (!toOffer.isEmpty()) {
            toOffer.forEach(r -> offered.add(String.valueOf(r.runId())));
            settings.put(OFFERED_RUNS, String.join(",", offered));
        }
        return toOffer;
    }

    /** The jobs running on this store, whoever started them. */
    public JobRegistry<RunProgress> jobs() {
        return jobs;
    }

    /** The arena's answering and judging jobs running on this store. */
    public JobRegistry<JobProgress<String>> arenaJobs() {
        return arenaRegistry;
    }

    /** Both-bad battles answered again and judged again (decision 0019). */
    public BattleRegeneration regeneration() {
        return regeneration;
    }

    /** Answering instructions with a pool of models and judging battles: estimate, start, resume. */
    public ArenaJobService arena() {
        return arenaJobs;
    }

    /** Battles to try a judge prompt on, and the request it would send for one game (Agents & Prompts). */
    public JudgeTrials judgeTrials() {
        return judgeTrials;
    }

    /** Told after every change to the verdicts (votes, judging, imports), on the writer's thread. */
    public VerdictChanges verdictChanges() {
        return verdictChanges;
    }

    /**
     * What this and other clients change in the store, after each commit (on a PostgreSQL store, other processes'
     * changes too), so views read again without a manual refresh.
     */
    public WorkspaceChanges changes() {
        return changes;
    }

    /** How far judges agree with people, and people with each other. */
    /** Curated datasets: selection, sample and export. */
    public ExportService exports() {
        return exports;
    }

    /** The loop's proposals from the target model's battles. */
    public LoopService loop() {
        return loop;
    }

    /** The next iteration in one step: run, answer, battles and judging, estimated first (decision 0020). */
    public NextIteration nextIteration() {
        return nextIteration;
    }

    /** The store's texts a curation pass checks (read only). */
    public StoreItems curationItems() {
        return curationItems;
    }

    /** Reference prompt sets kept in the store, which every curation pass decontaminates against. */
    public ReferenceSets referenceSets() {
        return referenceSets;
    }

    /** Curators' decisions to keep items a curation pass would drop. */
    public KeepDecisions keepDecisions() {
        return keepDecisions;
    }

    /** A curation pass over the store, against its reference sets, honouring the keep decisions. */
    public StoreCuration curation() {
        return curation;
    }

    public AgreementService agreement() {
        return agreement;
    }

    /** Ratings of the models from the verdicts: the ratings command and the Leaderboard. */
    public RatingsService ratings() {
        return ratings;
    }

    /** The loop's numbered iterations: what each made, the target model's figures, starting the next. */
    public IterationService iterations() {
        return iterations;
    }

    /** Cancels the running jobs and waits until they kept what they finished, then closes the store. */
    @Override
    public void close() {
        jobs.close();
        arenaRegistry.close();
        changes.close();
        store.close();
    }
}
