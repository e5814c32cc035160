package io.arenainstruct.studio.ui.arena;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.task.BackgroundExecutor;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.Theme;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/**
 * The Adjudicate tab over 100,000 battles (a tenth disputed, a third judged): the time from a vote's key press to
 * the next battle shown and laid out, for 300 votes in a row. Not a test: it prints figures for the README
 * ({@code -Dbench=adjudicate}).
 */
public final class AdjudicateBenchmark {
    private static final int BATTLES = 100_000;
    private static final int VOTES = 300;

    private AdjudicateBenchmark() {}

    public static void run(Path root, Consumer<String> out) throws Exception {
        Path store = root.resolve("adjudicate-store");
        long f0 = System.nanoTime();
        try (Workspace ws = Workspace.open(store)) {
            fill(ws);
        }
        out.accept(String.format(
                Locale.ROOT,
                "adjudicate: a store of %,d battles filled in %.1f s",
                BATTLES,
                (System.nanoTime() - f0) / 1e9));
        startFx();
        BackgroundExecutor executor = new BackgroundExecutor("bench-adjudicate");
        try (Workspace ws = Workspace.open(store)) {
            long c0 = System.nanoTime();
            String counts = ws.adjudication()
                    .counts(QueueFilter.ALL.withNotVotedBy("bench"))
                    .words();
            out.accept(String.format(
                    Locale.ROOT,
                    "adjudicate: queue counts (%s, not yet voted by me) in %.0f ms",
                    counts,
                    (System.nanoTime() - c0) / 1e6));
            CompletableFuture<AdjudicatePane> made = new CompletableFuture<>();
            Platform.runLater(() -> {
                Theme.apply(false);
                AppContext context = new AppContext(
                        ws, executor.executor(), new TaskMonitor(executor.executor()), new FakeDialogService());
                AdjudicateViewModel model = new AdjudicateViewModel(
                        ws.adjudication(), ws.battles(), context.taskExecutor(), new SimpleStringProperty("bench"));
                AdjudicatePane pane = new AdjudicatePane(model);
                Stage stage = new Stage();
                Scene scene = new Scene(pane, 1280, 800);
                Theme.style(scene);
                stage.setScene(scene);
                stage.show();
                long q0 = System.nanoTime();
                model.shown().addListener((obs, o, s) -> {
                    if (o == null && s != null && !made.isDone()) {
                        out.accept(String.format(
                                Locale.ROOT,
                                "adjudicate: first battle shown %.0f ms after the queue was asked for",
                                (System.nanoTime() - q0) / 1e6));
                        made.complete(pane);
                    }
                });
                model.reload();
            });
            AdjudicatePane pane = made.get(120, TimeUnit.SECONDS);
            List<Double> times = new ArrayList<>();
            int waited = 0;
            for (int i = 0; i < VOTES; i++) {
                CompletableFuture<Double> one = new CompletableFuture<>();
                CountDownLatch asked = new CountDownLatch(1);
                Platform.runLater(() -> {
                    Node battle = pane.lookup("#adjudicate-battle");
                    long before = pane.model().shown().get().battleId();
                    long t0 = System.nanoTime();
                    Event.fireEvent(
                            battle,
                            new KeyEvent(KeyEvent.KEY_PRESSED, "1", "1", KeyCode.DIGIT1, false, false, false, false));
                    // let go, or the next press is a held key's repeat (which votes nothing)
                    Event.fireEvent(
                            battle,
                            new KeyEvent(KeyEvent.KEY_RELEASED, "1", "1", KeyCode.DIGIT1, false, false, false, false));
                    Runnable done = () -> {
                        pane.applyCss();
                        pane.layout();
                        one.complete((System.nanoTime() - t0) / 1e6);
                    };
                    var next = pane.model().shown().get();
                    if (next != null && next.battleId() != before) {
                        done.run();
                    } else {
                        pane.model().shown().addListener(new ChangeListener<>() {
                            @Override
                            public void changed(
                                    ObservableValue<? extends AdjudicateViewModel.Shown> obs,
                                    AdjudicateViewModel.Shown o,
                                    AdjudicateViewModel.Shown s) {
                                if (s != null) {
                                    obs.removeListener(this);
                                    done.run();
                                }
                            }
                        });
                    }
                    asked.countDown();
                });
                asked.await();
                double ms = one.get(60, TimeUnit.SECONDS);
                waited += ms > 50 ? 1 : 0;
                times.add(ms);
            }
            Collections.sort(times);
            out.accept(String.format(
                    Locale.ROOT,
                    "adjudicate: key press to the next battle shown, %d votes over %,d battles: median %.1f ms,"
                            + " p95 %.1f ms, max %.1f ms (%d over 50 ms)",
                    VOTES,
                    BATTLES,
                    times.get(times.size() / 2),
                    times.get((int) (times.size() * 0.95)),
                    times.get(times.size() - 1),
                    waited));
            CountDownLatch closed = new CountDownLatch(1);
            Platform.runLater(() -> {
                pane.close();
                closed.countDown();
            });
            closed.await();
            // the store write alone, as the key's handler makes it
            List<Double> writes = new ArrayList<>();
            for (long battle = BATTLES; battle > BATTLES - VOTES; battle--) {
                long w0 = System.nanoTime();
                ws.adjudication().vote(HumanVote.shown(battle, "bench-2", GradedLabel.A_BETTER, false, false));
                writes.add((System.nanoTime() - w0) / 1e6);
            }
            Collections.sort(writes);
            out.accept(String.format(
                    Locale.ROOT,
                    "adjudicate: the vote's store write alone: median %.1f ms, p95 %.1f ms",
                    writes.get(writes.size() / 2),
                    writes.get((int) (writes.size() * 0.95))));
        } finally {
            executor.close();
        }
    }

    private static void startFx() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
            started.await();
        } catch (IllegalStateException alreadyRunning) {
            // another benchmark started the platform
        }
    }

    /** 100,000 battles of two models on 100,000 instructions of about 1 KB with answers of about 2 KB, in SQL. */
    private static void fill(Workspace ws) {
        WorkspaceRepositories.store(ws).write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO arena_model (id, name, created_at) VALUES (1, 'model-a', NOW()),"
                        + " (2, 'model-b', NOW())");
                s.execute("INSERT INTO arena_instruction (id, content_hash, prompt, turns, category, created_at)"
                        + " SELECT X, 'h' || X, 'Prompt ' || X || ': ' || REPEAT('explain the theory ', 50), 1,"
                        + " 'Category ' || MOD(X, 20), NOW() FROM SYSTEM_RANGE(1, " + BATTLES + ")");
                for (int m = 1; m <= 2; m++) {
                    s.execute("INSERT INTO arena_response (id, instruction_id, model_id, content_hash, text, origin,"
                            + " created_at) SELECT X * 2 - " + (2 - m) + ", X, " + m + ", 'r" + m + "' || X,"
                            + " 'Answer of model " + m + " to ' || X || ': ' || REPEAT('a careful answer ', 120),"
                            + " 'imported', NOW() FROM SYSTEM_RANGE(1, " + BATTLES + ")");
                }
                s.execute("INSERT INTO battle (id, pair_key, instruction_id, model_a, model_b, response_a, response_b,"
                        + " turn, strategy, category, status, inconsistent, judge_status, created_at)"
                        + " SELECT X, 'k' || X, X, 1, 2, X * 2 - 1, X * 2, 1, 'all-pairs', 'Category ' || MOD(X, 20),"
                        + " CASEWHEN(MOD(X, 10) = 0, 'disputed', CASEWHEN(MOD(X, 3) = 0, 'judged', 'unjudged')),"
                        + " MOD(X, 10) = 0,"
                        + " CASEWHEN(MOD(X, 10) = 0, 'disputed', CASEWHEN(MOD(X, 3) = 0, 'judged', 'unjudged')),"
                        + " NOW() FROM SYSTEM_RANGE(1, " + BATTLES + ")");
                for (int g = 1; g <= 2; g++) {
                    // explicit ids: a generated one commits its sequence per row (identities without gaps, V6)
                    s.execute("INSERT INTO verdict (id, battle_id, source, game, swapped, voter, outcome, label,"
                            + " imported, judgment, created_at) SELECT X * 2 + " + (g - 1) + ", X, 'judge', " + g
                            + ", " + (g == 2) + ", 'judge-model',"
                            + " CASEWHEN(MOD(X + " + g + ", 2) = 0, 'a', 'b'),"
                            + " CASEWHEN(MOD(X + " + g + ", 2) = 0, 'A>B', 'B>A'), FALSE,"
                            + " 'The first answer explains more. ' || REPEAT('reasoning ', 40), NOW()"
                            + " FROM SYSTEM_RANGE(1, " + BATTLES + ") WHERE MOD(X, 3) = 0 OR MOD(X, 10) = 0");
                }
                for (String t : List.of("arena_model", "arena_instruction", "arena_response", "battle", "verdict")) {
                    s.execute("ALTER TABLE " + t + " ALTER COLUMN id RESTART WITH " + (BATTLES * 2 + 2));
                }
            }
            return null;
        });
    }
}
