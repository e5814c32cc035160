package io.arenainstruct.studio.ui;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.task.BackgroundExecutor;
import io.arenainstruct.studio.service.workspace.SampleWorkspace;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.MainWindow;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/** The real shell on a real store in a temp folder, with dialogs answered by a {@link FakeDialogService}. */
public final class UiHarness implements MainWindow.Actions, AutoCloseable {
    public final Path storeDir;
    public final FakeDialogService dialogs = new FakeDialogService();
    public final BackgroundExecutor executor = new BackgroundExecutor("test-worker");
    public final TaskMonitor tasks = new TaskMonitor(executor.executor());
    public Workspace workspace;
    public MainWindow window;
    public AppContext context;
    private boolean dark;

    public UiHarness(Path storeDir, boolean sample) {
        this.storeDir = storeDir;
        this.workspace = Workspace.open(storeDir);
        SampleWorkspace.ensure(workspace, sample);
    }

    /** A harness whose workspace finds API keys with {@code keys} and retries with {@code retries} (model tests). */
    public UiHarness(Path storeDir, boolean sample, KeyResolver keys, RetryPolicy retries) {
        this.storeDir = storeDir;
        this.workspace = Workspace.open(storeDir, keys, retries);
        SampleWorkspace.ensure(workspace, sample);
    }

    /** Builds the shell into the stage (call from TestFX's @Start, on the FX thread). */
    public void show(Stage stage) {
        Theme.apply(false);
        context = new AppContext(workspace, executor.executor(), tasks, dialogs);
        window = new MainWindow(context, Area.registered(), this);
        Scene scene = new Scene(window.root(), 1280, 800);
        Theme.style(scene);
        window.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Closes the shell and the store the way the app does when quitting (pending saves finish first). */
    public void closeStore() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(20, TimeUnit.SECONDS);
        workspace.close();
    }

    @Override
    public void openStore() {}

    @Override
    public void quit() {}

    @Override
    public void setDarkTheme(boolean dark) {
        this.dark = dark;
    }

    @Override
    public boolean darkTheme() {
        return dark;
    }

    @Override
    public void close() {
        if (!WorkspaceRepositories.store(workspace).isClosed()) {
            try {
                closeStore();
            } catch (Exception e) {
                workspace.close();
            }
        }
        executor.close();
    }

    /** Waits (up to 15 s) until the condition, evaluated on the FX thread, holds. */
    public static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
            try {
                return WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
    }

    public static void fx(Runnable r) {
        try {
            WaitForAsyncUtils.asyncFx(r).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Platform.runLater(() -> {});
        WaitForAsyncUtils.waitForFxEvents();
    }
}
