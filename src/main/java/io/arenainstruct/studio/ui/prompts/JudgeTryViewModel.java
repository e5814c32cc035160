package io.arenainstruct.studio.ui.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.service.arena.Combined;
import io.arenainstruct.studio.service.arena.GameReading;
import io.arenainstruct.studio.service.arena.JudgeRequests;
import io.arenainstruct.studio.service.arena.JudgeTrials;
import io.arenainstruct.studio.service.arena.JudgeTrials.BattleChoice;
import io.arenainstruct.studio.service.arena.VerdictRules;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.LiveReply;
import io.arenainstruct.studio.ui.common.LiveReply.State;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * "Try on a battle" for an arena judge: battles to choose from (a page at a time, narrowed by model), and the judge,
 * its prompt as edited (saved or not), played on a battle in game 1 and, on request, game 2 with the positions
 * swapped, as a judging job would play them (requests rendered by {@link JudgeRequests}, sent through the gateway
 * and its ledger). Each game's reply is read into a verdict in the battle's order; both games together give the
 * combined verdict by {@link VerdictRules}. Nothing is saved.
 */
public final class JudgeTryViewModel {
    /** Battles shown per page. */
    static final int PAGE = 50;

    /** One game: its request, the judge's reply streaming in, and the verdict read from it. */
    public final class Game {
        private final int number;
        private final LiveReply reply;
        private final ReadOnlyStringWrapper rendered = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
        /** The reading in the battle's order; null until the reply is in (and for a dry run). */
        private GameReading reading;

        private boolean dryRun;
        /** How the game was asked (set on the worker before the reply is handed over). */
        private volatile JudgeRequests.Asked asked;

        Game(int number) {
            this.number = number;
            this.reply = new LiveReply(
                    tasks,
                    gateway,
                    new LiveReply.Wording(
                            "Esc stops", "Stopped before the judge answered", "Stopped; the reply so far stays"));
        }

        boolean swapped() {
            return number == 2;
        }

        void clear() {
            reply.clear();
            rendered.set("");
            verdict.set("");
            reading = null;
            dryRun = false;
        }

        void start(JudgeAgent judge, BattleChoice battle, Endpoint endpoint) {
            rendered.set("");
            verdict.set("");
            reading = null;
            dryRun = false;
            Battle b = battle.battle();
            reply.start(
                    "Judging " + battle.name() + " (game " + number + ")",
                    endpoint,
                    "Rendering game " + number,
                    () -> trials.request(judge, endpoint, b.id(), swapped()),
                    request -> rendered.set(PromptTryViewModel.describe(request)),
                    (e, request, sink, cancel) -> {
                        // as a judging job asks: a refused schema is asked again as text
                        JudgeRequests.Asked a = JudgeRequests.ask(request, r -> gateway.stream(e, r, sink, cancel));
                        asked = a;
                        return a.reply();
                    },
                    r -> done(judge, b, r));
        }

        private String done(JudgeAgent judge, Battle b, ModelReply r) {
            if (r.dryRun()) {
                dryRun = true;
                verdict.set("Dry run: no judge was asked, so there is no verdict");
            } else {
                reading = JudgeRequests.read(judge, asked.structured(), r.text())
                        .game()
                        .unswapped(swapped());
                verdict.set(describe(reading, swapped(), b.modelA(), b.modelB()));
            }
            combine();
            return r.dryRun()
                    ? "Dry run: no model was asked; above is what would be sent"
                    : "Done: " + r.tokensIn() + " tokens in, " + r.tokensOut() + " out"
                            + (r.fromCache() ? " · from the call ledger (asked before)" : "")
                            + (asked != null && asked.fallback() != null ? " · " + asked.fallback() : "");
        }

        public ReadOnlyStringProperty rendered() {
            return rendered.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty output() {
            return reply.text();
        }

        public ReadOnlyStringProperty status() {
            return reply.status();
        }

        public ReadOnlyObjectProperty<State> state() {
            return reply.state();
        }

        /** The verdict read from the reply, in words and in the battle's order. */
        public ReadOnlyStringProperty verdict() {
            return verdict.getReadOnlyProperty();
        }
    }

    private final JudgeTrials trials;
    private final ModelGateway gateway;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final ObservableList<BattleChoice> battles = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper combined = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final Latest battlesAsked = new Latest();
    /** The id each shown page starts after: page n starts after {@code starts.get(n)}. */
    private final List<Long> starts = new ArrayList<>(List.of(0L));

    private BattleFilter filter = BattleFilter.ALL;
    private int page;
    private int total;
    private final Game game1;
    private final Game game2;
    private boolean bothGames;
    private Battle tried;

    /** {@code trials} lists battles and renders a judge on one; {@code gateway} sends the games. */
    public JudgeTryViewModel(JudgeTrials trials, ModelGateway gateway, TaskExecutor tasks, DialogService dialogs) {
        this.trials = trials;
        this.gateway = gateway;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.game1 = new Game(1);
        this.game2 = new Game(2);
        game1.state().addListener((obs, o, n) -> running.set(isRunning()));
        game2.state().addListener((obs, o, n) -> running.set(isRunning()));
    }

    // ------------------------------------------------------------------------------------------ battles

    /** Reads the models to narrow the battles by, then shows the first page of battles of {@code model}. */
    public void load(String model) {
        tasks.wrap(trials::models)
                .onSuccess(found -> {
                    if (!models.equals(found)) {
                        models.setAll(found);
                    }
                    showBattles(model);
                })
                .onFailure(e -> dialogs.showError("Cannot read the arena's models", e.getMessage()))
                .start();
    }

    /** Shows the first page of the battles of a model (null or blank: every battle). */
    public void showBattles(String model) {
        filter = new BattleFilter(null, model == null || model.isBlank() ? null : model, null, null);
        starts.clear();
        starts.add(0L);
        readPage(0, true);
    }

    public void nextPage() {
        if (hasNext.get()) {
            readPage(page + 1, false);
        }
    }

    public void previousPage() {
        if (page > 0) {
            readPage(page - 1, false);
        }
    }

    private record Page(List<BattleChoice> battles, int total) {}

    private void readPage(int number, boolean recount) {
        BattleFilter f = filter;
        long after = starts.get(number);
        int known = total;
        tasks.wrap(() -> new Page(trials.page(f, after, PAGE), recount ? trials.count(f) : known))
                .onSuccess(read -> {
                    page = number;
                    total = read.total();
                    battles.setAll(read.battles());
                    while (starts.size() > number + 1) {
                        starts.remove(starts.size() - 1);
                    }
                    if (!read.battles().isEmpty()) {
                        starts.add(read.battles()
                                .get(read.battles().size() - 1)
                                .battle()
                                .id());
                    }
                    int first = number * PAGE + 1;
                    int last = number * PAGE + read.battles().size();
                    pageText.set(
                            read.battles().isEmpty()
                                    ? "No battles"
                                            + (f.model() == null ? " yet: the Arena makes them" : " of " + f.model())
                                    : String.format(Locale.ROOT, "Battles %,d–%,d of %,d", first, last, total));
                    hasPrevious.set(number > 0);
                    hasNext.set(last < total);
                })
                .onFailure(e -> dialogs.showError("Cannot read the battles", e.getMessage()))
                .latestOnly(battlesAsked)
                .start();
    }

    // ------------------------------------------------------------------------------------------ trying

    /**
     * Plays {@code judge} with {@code prompt} (saved or not) on the battle: game 1, and game 2 with the positions
     * swapped when {@code both}. Does nothing while a game runs or when something is missing.
     */
    public void tryOn(JudgeAgent judge, Prompt prompt, BattleChoice battle, Endpoint endpoint, boolean both) {
        if (judge == null || prompt == null || battle == null || endpoint == null || isRunning()) {
            return;
        }
        JudgeAgent edited = judge.withPrompt(prompt, judge.version());
        bothGames = both;
        tried = battle.battle();
        combined.set("");
        game2.clear();
        game1.start(edited, battle, endpoint);
        if (both) {
            game2.start(edited, battle, endpoint);
        }
    }

    private boolean isRunning() {
        return game1.state().get() == State.STREAMING || game2.state().get() == State.STREAMING;
    }

    /** Once every game played is read: the judge's combined verdict, as a judging job would store it. */
    private void combine() {
        List<Game> played = bothGames ? List.of(game1, game2) : List.of(game1);
        if (played.stream().anyMatch(g -> g.dryRun)) {
            combined.set(
                    played.stream().allMatch(g -> g.dryRun || g.reading != null)
                            ? "Dry run: no verdict to combine"
                            : "");
            return;
        }
        if (played.stream().anyMatch(g -> g.reading == null)) {
            return;
        }
        combined.set(describe(
                VerdictRules.games(played.stream().map(g -> g.reading).toList()), tried.modelA(), tried.modelB()));
    }

    /** Stops every game at once; what arrived stays shown. */
    public void cancel() {
        game1.reply.cancel();
        game2.reply.cancel();
    }

    public void close() {
        cancel();
    }

    // ------------------------------------------------------------------------------------------ wording

    /** A game's verdict in words, in the battle's order (a swapped game says what it read before un-swapping). */
    static String describe(GameReading g, boolean swapped, String modelA, String modelB) {
        if (!g.parsed()) {
            return "No verdict: " + g.problem() + ". A judging job keeps the reply as unparsable and sends the"
                    + " battle to people; it never guesses.";
        }
        String shown = swapped ? " (the judge saw " + modelB + " as A)" : "";
        String who = who(g.outcome(), g.label() != null && g.label().strong(), modelA, modelB);
        if (g.label() != null) {
            return "[[" + g.rawLabel() + "]]" + shown + " → " + g.label().text() + ": " + who;
        }
        return "Scores " + g.rawLabel() + " as shown" + shown + " → " + modelA + " " + number(g.scoreA()) + ", "
                + modelB + " " + number(g.scoreB()) + ": " + who;
    }

    /** The combined verdict in words. */
    static String describe(Combined c, String modelA, String modelB) {
        if (!c.outcome().decided()) {
            return "Combined: no verdict (" + c.note() + ")";
        }
        String who = who(c.outcome(), c.label() != null && c.label().strong(), modelA, modelB);
        String how = c.label() != null
                ? c.label().text()
                : "mean scores " + number(c.scoreA()) + " and " + number(c.scoreB());
        return "Combined: " + how + ", " + who + " · " + c.note();
    }

    private static String who(Outcome outcome, boolean strong, String modelA, String modelB) {
        return switch (outcome) {
            case A -> modelA + (strong ? " is much better" : " is better");
            case B -> modelB + (strong ? " is much better" : " is better");
            case TIE -> "a tie";
            default -> outcome.id();
        };
    }

    private static String number(Double v) {
        if (v == null) {
            return "?";
        }
        return v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.1f", v);
    }

    // ------------------------------------------------------------------------------------------ properties

    public ObservableList<BattleChoice> battles() {
        return battles;
    }

    public ObservableList<String> models() {
        return models;
    }

    /** "Battles 51–100 of 1,000". */
    public ReadOnlyStringProperty pageText() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNext() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPrevious() {
        return hasPrevious.getReadOnlyProperty();
    }

    /** Whether a game is being played. */
    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    public Game game1() {
        return game1;
    }

    public Game game2() {
        return game2;
    }

    /** The judge's verdict over the games played, in words. */
    public ReadOnlyStringProperty combined() {
        return combined.getReadOnlyProperty();
    }
}
