package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.ui.task.BackgroundWork;
import io.arenainstruct.studio.ui.task.TaskExecutor;
import io.arenainstruct.studio.ui.task.TaskHandle;

/** The arena of the Answers and Judge tests: the Arena-Hard sample, endpoints on the in-test server, battles. */
final class AnswersJudgeFixture {
    static final Path SAMPLE = Path.of("src/test/resources/arena-hard-sample");
    static final Duration WAIT = Duration.ofSeconds(20);
    /** The sample: 40 Arena-Hard questions, each answered by both models. */
    static final int QUESTIONS = 40;

    static final String JUDGE_SYSTEM_MARK = "impartial judge";

    private AnswersJudgeFixture() {}

    /** Imports the sample's questions and its two models' answers. */
    static void importSample(Workspace ws) {
        ws.datasets()
                .importFiles(
                        List.of(
                                SAMPLE.resolve("question.jsonl"),
                                SAMPLE.resolve("gpt-4-0314.jsonl"),
                                SAMPLE.resolve("gpt-3.5-turbo-0125.jsonl")),
                        null,
                        null,
                        null,
                        ProgressListener.NONE,
                        Cancellation.NEVER);
    }

    /** Each question's gpt-3.5 answer against the gpt-4 baseline: 40 battles. */
    static int baselineBattles(Workspace ws) {
        return ws.battles()
                .create(PairingStrategy.parse("baseline:gpt-4-0314"), InstructionSelection.all(), List.of())
                .created();
    }

    /** An endpoint on the server, 4 calls at a time. */
    static Endpoint endpoint(Workspace ws, String name, String model, String baseUrl) {
        Endpoint e = Endpoint.of(name, Provider.OPENAI_COMPATIBLE, baseUrl, model)
                .withLimits(4, 0, 0)
                .withTimeout(Duration.ofSeconds(10));
        ws.endpoints().save(e);
        return e;
    }

    /**
     * Makes the model's row before a job stores its answers: on this branch's base, concurrent first answers of a
     * new model race on its row and one answer is lost without a failure (fixed on the arena jobs branch, which
     * makes the rows before the workers start; then this is a no-op).
     */
    static void modelRow(Workspace ws, String model) {
        new ArenaRepository(WorkspaceRepositories.store(ws)).model(model);
    }

    /** Output tokens cost 10 per million, input nothing: a cost worked out by hand from the tokens out alone. */
    static void priceOutputOnly(Workspace ws, String model) {
        ws.endpoints().setPrice(new ModelPrice(model, BigDecimal.ZERO, BigDecimal.TEN));
    }

    /** Runs the job events that reached the "UI thread" (the queue) until {@code done}; fails after WAIT. */
    static void deliverUntil(LinkedBlockingQueue<Runnable> ui, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Runnable r;
            while ((r = ui.poll()) != null) {
                r.run();
            }
            if (done.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the job events never showed it");
            }
            r = ui.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** The UI thread of the job events: what the bridge hands over waits in the queue for the test thread. */
    record QueuedUi(LinkedBlockingQueue<Runnable> queue) implements TaskExecutor {
        @Override
        public void background(Runnable work) {
            work.run();
        }

        @Override
        public void ui(Runnable action) {
            queue.add(action);
        }

        @Override
        public <V> TaskHandle monitored(
                String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
            throw new UnsupportedOperationException("the bridge starts no work");
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }
    }
}
