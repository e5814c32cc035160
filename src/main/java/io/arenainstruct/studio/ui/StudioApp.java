package io.arenainstruct.studio.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;

import io.arenainstruct.studio.domain.AppInfo;
import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.service.settings.SettingsFile;
import io.arenainstruct.studio.service.settings.UserSettings;
import io.arenainstruct.studio.service.task.BackgroundExecutor;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.SampleWorkspace;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.FxDialogService;
import io.arenainstruct.studio.ui.common.Preferences;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.MainWindow;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/** The JavaFX application: opens a workspace's store off the FX thread, then shows the shell. */
public final class StudioApp extends Application implements MainWindow.Actions {
    private static final Logger LOG = Logger.getLogger(StudioApp.class.getName());
    private static volatile StoreLocation requestedStore;

    private final BackgroundExecutor executor = new BackgroundExecutor("studio-worker");
    private final TaskMonitor tasks = new TaskMonitor(executor.executor());
    private SettingsFile settingsFile;
    private UserSettings settings;
    private final Preferences preferences = new Preferences();
    private Stage stage;
    private Scene scene;
    private DialogService dialogs;
    private Workspace workspace;
    private MainWindow window;

    /** Opens the GUI on {@code store}, or on the last used store (else the default one) when null. */
    public static void launchWith(StoreLocation store) {
        requestedStore = store;
        Application.launch(StudioApp.class);
    }

    /** The window's icon: the one the installed app's launcher and menu entry show (packaging/icons). */
    private static void icon(Stage stage) {
        try (InputStream in = StudioApp.class.getResourceAsStream("/icons/arenainstruct-studio.png")) {
            if (in != null) {
                stage.getIcons().setAll(new Image(in)); // a stage shown again (tests) keeps one icon
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the window icon", e);
        }
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        settingsFile = new SettingsFile(DataDirectories.userDataDir().resolve("settings.json"));
        settings = settingsFile.load();
        preferences.moveOnAfterDecision().set(settings.refinementMoveOn);
        preferences.moveOnAfterDecision().addListener((obs, old, now) -> {
            settings.refinementMoveOn = now;
            settingsFile.save(settings);
        });
        preferences.annotator().set(settings.annotator);
        preferences.annotator().addListener((obs, old, now) -> {
            settings.annotator = now;
            settingsFile.save(settings);
        });
        preferences.leaderboardSource().set(settings.leaderboardSource);
        preferences.leaderboardSource().addListener((obs, old, now) -> {
            settings.leaderboardSource = now;
            settingsFile.save(settings);
        });
        preferences.leaderboardStyleControl().set(settings.leaderboardStyleControl);
        preferences.leaderboardStyleControl().addListener((obs, old, now) -> {
            settings.leaderboardStyleControl = now;
            settingsFile.save(settings);
        });
        Theme.apply(settings.darkTheme);
        dialogs = new FxDialogService(() -> stage);
        scene = new Scene(placeholder("Starting…"), settings.windowWidth, settings.windowHeight);
        Theme.style(scene);
        stage.setScene(scene);
        icon(stage);
        restorePlacement();
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        stage.show();
        open(requestedStore != null ? requestedStore : lastStore());
    }

    /** The store used last, else the default one (a remembered address that no longer parses is dropped). */
    private StoreLocation lastStore() {
        if (settings.lastStore != null) {
            try {
                return StoreLocation.parse(settings.lastStore);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "the remembered store cannot be read again: " + e.getMessage());
            }
        }
        return new StoreLocation.Folder(DataDirectories.defaultStore());
    }

    private void open(StoreLocation store) {
        if (window == null) {
            scene.setRoot(placeholder("Opening the store " + store.display() + " …"));
        }
        // Sample seeds only in the default store; every new store gets the shipped taxonomies.
        boolean sampleSeeds = store.equals(new StoreLocation.Folder(DataDirectories.defaultStore()));
        tasks.run(
                "Opening store",
                (progress, cancel) -> {
                    Workspace ws = Workspace.open(store);
                    try {
                        progress.progress(0, -1, "Preparing the workspace");
                        SampleWorkspace.ensure(ws, sampleSeeds);
                    } catch (RuntimeException e) {
                        ws.close();
                        throw e;
                    }
                    return ws;
                },
                this::show,
                error -> {
                    String message = Workspace.heldElsewhere(error)
                            ? error.getMessage()
                            : "The store " + store.display() + " could not be opened: " + error.getMessage();
                    dialogs.showError("Cannot open the store", message + "\n\nChoose another store folder, or quit.");
                    if (workspace == null) {
                        Path other =
                                dialogs.chooseFolder("Open or create a store").orElse(null);
                        if (other == null) {
                            Platform.exit();
                        } else {
                            open(new StoreLocation.Folder(other));
                        }
                    }
                });
    }

    private void show(Workspace ws) {
        if (workspace != null && workspace != ws) {
            closeWorkspace();
        }
        workspace = ws;
        ws.answerAtOnceOn(Thread.currentThread()); // the FX thread: a vote on a team store never waits for its server
        settings.rememberStore(ws.storeName());
        settingsFile.save(settings);
        window = new MainWindow(
                new AppContext(ws, executor.executor(), tasks, dialogs, preferences), Area.registered(), this);
        window.install(scene);
        scene.setRoot(window.root());
        stage.setTitle(AppInfo.NAME + " — " + ws.storeName());
        window.select(Objects.requireNonNullElse(settings.lastArea, "seeds"));
        if (window.currentAreaId() == null) {
            window.select("seeds");
        }
    }

    private static VBox placeholder(String text) {
        VBox box = new VBox(12, new ProgressIndicator(), new Label(text));
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("placeholder");
        return box;
    }

    private void restorePlacement() {
        if (!Double.isNaN(settings.windowX) && !Double.isNaN(settings.windowY)) {
            Rectangle2D wanted = new Rectangle2D(
                    settings.windowX,
                    settings.windowY,
                    Math.max(200, settings.windowWidth),
                    Math.max(200, settings.windowHeight));
            // Only when it is still on a screen (a monitor may have been unplugged).
            if (!Screen.getScreensForRectangle(wanted).isEmpty()) {
                stage.setX(settings.windowX);
                stage.setY(settings.windowY);
            }
        }
        stage.setMaximized(settings.maximized);
    }

    private void rememberPlacement() {
        settings.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            settings.windowX = stage.getX();
            settings.windowY = stage.getY();
            settings.windowWidth = stage.getWidth();
            settings.windowHeight = stage.getHeight();
        }
        if (window != null) {
            settings.lastArea = window.currentAreaId();
        }
    }

    /**
     * File › Open or create store (Ctrl+O): a folder, or a team store's address typed in (checked as it is typed);
     * the password comes from PGPASSWORD or ~/.pgpass, never from the dialog.
     */
    @Override
    public void openStore() {
        Stage dialog = new Stage();
        dialog.initOwner(stage);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Open or create a store");
        OpenStorePane pane = new OpenStorePane(
                () -> dialogs.chooseFolder("Open or create a store (an empty folder creates a new one)"),
                chosen -> {
                    dialog.close();
                    openChosen(chosen);
                },
                dialog::close);
        Scene dialogScene = new Scene(pane);
        Theme.style(dialogScene);
        dialog.setScene(dialogScene);
        dialog.setOnShown(e -> {
            dialog.requestFocus(); // the keys go to the dialog's window, where the address field takes them
            pane.focusAddress();
        });
        // a problem shown or gone changes the pane's height: the window follows, so the buttons stay in view
        pane.model().problem().addListener((obs, was, now) -> Platform.runLater(dialog::sizeToScene));
        dialog.show();
    }

    private void openChosen(StoreLocation chosen) {
        if (workspace != null && chosen.equals(workspace.location())) {
            return;
        }
        if (!mayCloseStore()) {
            return;
        }
        rememberPlacement();
        open(chosen);
    }

    /**
     * Closing the store stops the runs executing on it (what they finished is kept): asked first when there are
     * any. Closing an area never stops them.
     */
    private boolean mayCloseStore() {
        List<Long> running = workspace == null ? List.of() : workspace.jobs().running();
        return running.isEmpty()
                || dialogs.confirm(
                        "Stop the running runs?",
                        runningText(running)
                                + " Closing the store stops them; what they finished is kept, and they can be "
                                + "resumed later.",
                        "Stop and close");
    }

    private static String runningText(List<Long> running) {
        return running.size() == 1
                ? "Run " + running.get(0) + " is still running."
                : "Runs " + running.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " are still running.";
    }

    @Override
    public void quit() {
        if (!mayCloseStore()) {
            return;
        }
        rememberPlacement();
        settingsFile.save(settings);
        closeWorkspace();
        Platform.exit();
    }

    private void closeWorkspace() {
        if (window != null) {
            window.close();
            window = null;
        }
        if (workspace != null) {
            try {
                workspace.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the store failed", e);
            }
            workspace = null;
        }
    }

    @Override
    public void setDarkTheme(boolean dark) {
        settings.darkTheme = dark;
        Theme.apply(dark);
        settingsFile.save(settings);
    }

    @Override
    public boolean darkTheme() {
        return settings.darkTheme;
    }

    @Override
    public void stop() {
        if (window != null && stage != null) {
            rememberPlacement();
            settingsFile.save(settings);
        }
        if (window != null) {
            window.close(); // the areas finish their pending writes; runs go on until the store closes
            window = null;
        }
        if (workspace != null) {
            workspace.jobs().close(); // the runs end (cancelled) before the executor waits for its work
        }
        executor.close(); // work in progress finishes its store writes first
        closeWorkspace();
    }
}
