package io.arenainstruct.studio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.service.adjudication.AnnotatorQueueBenchmark;
import io.arenainstruct.studio.service.agreement.AgreementBenchmark;
import io.arenainstruct.studio.service.arena.JudgeBenchmark;
import io.arenainstruct.studio.service.arena.battlefiles.BattleImportBenchmark;
import io.arenainstruct.studio.service.curation.DedupBenchmark;
import io.arenainstruct.studio.service.curation.SemanticBenchmark;
import io.arenainstruct.studio.service.export.ExportBenchmark;
import io.arenainstruct.studio.service.llm.GatewayBenchmark;
import io.arenainstruct.studio.service.ratings.RatingsBenchmark;
import io.arenainstruct.studio.service.ratings.RatingsStoreBenchmark;
import io.arenainstruct.studio.service.run.InstructionListBenchmark;
import io.arenainstruct.studio.service.run.RunBenchmark;
import io.arenainstruct.studio.service.seeds.ImportOptions;
import io.arenainstruct.studio.service.seeds.ImportReport;
import io.arenainstruct.studio.service.task.BackgroundExecutor;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.Theme;
import io.arenainstruct.studio.ui.arena.AdjudicateBenchmark;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.MainWindow;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/**
 * Benchmarks of issue 2, run with {@code mvn -Pbench verify -DskipTests} (headless JavaFX). Prints the
 * figures the README quotes. Not a test: nothing here passes or fails on time.
 */
public final class Benchmarks {
    private static final String[] WORDS = ("the of and to in is was for on that with as by at from river market"
                    + " model engine theory signal protein harbor ledger voltage orbit glacier tariff enzyme syntax")
            .split(" ");

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("arenainstruct-bench");
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, %s, Java %s, %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"),
                cpuModel());
        // Names on the command line (-Dbench=gateway,flows) pick benchmarks; none runs them all.
        Set<String> only = new HashSet<>(Arrays.asList(
                System.getProperty("bench", "").isBlank()
                        ? new String[0]
                        : System.getProperty("bench").split(",")));
        try {
            if (only.isEmpty() || only.contains("import")) {
                importFiles(root);
            }
            if (only.isEmpty() || only.contains("gateway")) {
                GatewayBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("run")) {
                RunBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("instructions")) {
                InstructionListBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("judge")) {
                JudgeBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("battles")) {
                BattleImportBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("adjudicate")) {
                AdjudicateBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("annotators")) {
                AnnotatorQueueBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("agreement")) {
                AgreementBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("ratings")) {
                RatingsBenchmark.run(System.out::println);
            }
            if (only.isEmpty() || only.contains("ratings-store")) {
                RatingsStoreBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("dedup")) {
                DedupBenchmark.run(System.out::println);
            }
            if (only.isEmpty() || only.contains("semantic")) {
                SemanticBenchmark.run(System.out::println);
            }
            if (only.isEmpty() || only.contains("export")) {
                ExportBenchmark.run(root, System.out::println);
            }
            if (only.isEmpty() || only.contains("store")) {
                largeStore(root);
            }
        } finally {
            deleteTree(root);
        }
        System.exit(0);
    }

    /** Seeds imported per second for 10,000 small files (about 1 KB each), best of three fresh stores. */
    private static void importFiles(Path root) throws IOException {
        Path files = Files.createDirectories(root.resolve("files"));
        for (int i = 0; i < 10_000; i++) {
            Path dir = Files.createDirectories(files.resolve("d" + (i / 500)));
            Files.writeString(dir.resolve("seed-" + i + ".txt"), text(i, 1_000));
        }
        double best = 0;
        List<String> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (Workspace ws = Workspace.open(root.resolve("import-store-" + run))) {
                long t0 = System.nanoTime();
                ImportReport report = ws.seedImporter().importPaths(List.of(files), ImportOptions.defaults());
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (report.imported() != 10_000) {
                    throw new IllegalStateException("expected 10000 imported, got " + report.summary());
                }
                double rate = 10_000 / seconds;
                runs.add(String.format(Locale.ROOT, "%.0f", rate));
                best = Math.max(best, rate);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "import 10,000 small files: best %.0f seeds/s (runs: %s seeds/s)%n",
                best,
                String.join(", ", runs));
    }

    /** Opening a store of 100,000 seeds and showing the Seeds area with all of them listed. */
    private static void largeStore(Path root) throws Exception {
        Path store = root.resolve("large-store");
        long t0 = System.nanoTime();
        try (Workspace ws = Workspace.open(store)) {
            List<NewSeed> batch = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                batch.add(NewSeed.of(
                        "seed-" + i + ".txt",
                        "bench",
                        SeedKind.TEXT,
                        "",
                        List.of(i % 2 == 0 ? "even" : "odd"),
                        text(i, 1_000)));
                if (batch.size() == 1_000) {
                    WorkspaceRepositories.seeds(ws).insertNew(batch);
                    batch.clear();
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "fill a store with 100,000 seeds of ~1 KB (batches of 1,000): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        BackgroundExecutor executor = new BackgroundExecutor("bench-worker");

        long open0 = System.nanoTime();
        Workspace ws = Workspace.open(store);
        long opened = System.nanoTime();
        CompletableFuture<Scene> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            Theme.apply(false);
            AppContext context = new AppContext(
                    ws, executor.executor(), new TaskMonitor(executor.executor()), new FakeDialogService());
            MainWindow window = new MainWindow(context, Area.registered(), new NoActions());
            Stage stage = new Stage();
            Scene scene = new Scene(window.root(), 1280, 800);
            Theme.style(scene);
            stage.setScene(scene);
            stage.show();
            window.select("seeds");
            shown.complete(scene);
        });
        Scene scene = shown.get(60, TimeUnit.SECONDS);
        // The table is in the scene graph once its SplitPane has a skin (after the first pulse).
        while (!onFx(() -> scene.lookup("#seed-table") instanceof TableView<?> table
                && table.getItems().size() == 100_000)) {
            Thread.onSpinWait();
        }
        onFx(() -> {
            scene.getRoot().layout();
            return true;
        });
        long listed = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "open a store of 100,000 seeds: %.2f s; then Seeds area listing all: %.2f s;" + " total %.2f s%n",
                (opened - open0) / 1e9,
                (listed - opened) / 1e9,
                (listed - open0) / 1e9);

        for (int i = 0; i < 3; i++) {
            long l0 = System.nanoTime();
            int n = WorkspaceRepositories.seeds(ws).list(SeedFilter.ALL).size();
            System.out.printf(
                    Locale.ROOT,
                    "list all %d seeds from the store (no text): %.2f s%n",
                    n,
                    (System.nanoTime() - l0) / 1e9);
        }
        for (String word : List.of("glacier", "seed-99999.txt")) {
            long s0 = System.nanoTime();
            int found = WorkspaceRepositories.seeds(ws)
                    .list(new SeedFilter(word, ""))
                    .size();
            System.out.printf(
                    Locale.ROOT,
                    "search '%s' over 100,000 seeds: %d found in %.2f s%n",
                    word,
                    found,
                    (System.nanoTime() - s0) / 1e9);
        }
        long memory = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "heap in use with 100,000 seeds listed: %d MB%n", memory / (1024 * 1024));
        Platform.runLater(Platform::exit);
        ws.close();
        executor.close();
    }

    private static boolean onFx(Callable<Boolean> check) throws Exception {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(check.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    /** A deterministic, distinct pseudo-text of about {@code chars} characters. */
    static String text(int index, int chars) {
        StringBuilder b = new StringBuilder("Document " + index + ". ");
        long x = index * 2654435761L + 1;
        while (b.length() < chars) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b.append(WORDS[(int) ((x >>> 33) % WORDS.length)]).append(' ');
        }
        return b.toString();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.replaceAll(".*:\\s*", ""))
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static final class NoActions implements MainWindow.Actions {
        @Override
        public void openStore() {}

        @Override
        public void quit() {}

        @Override
        public void setDarkTheme(boolean dark) {}

        @Override
        public boolean darkTheme() {
            return false;
        }
    }
}
