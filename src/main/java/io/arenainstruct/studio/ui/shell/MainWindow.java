package io.arenainstruct.studio.ui.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import io.arenainstruct.studio.domain.AppInfo;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.LongText;

/**
 * The app shell: menu bar, sidebar of areas, the current area, and the status bar. Areas come from
 * {@link Area#registered()}; the shell knows none of them by name.
 */
public final class MainWindow {
    /** What the shell asks of the application (store switching, theme, quitting). */
    public interface Actions {
        void openStore();

        void quit();

        void setDarkTheme(boolean dark);

        boolean darkTheme();
    }

    private static final KeyCode[] DIGITS = {
        KeyCode.DIGIT1,
        KeyCode.DIGIT2,
        KeyCode.DIGIT3,
        KeyCode.DIGIT4,
        KeyCode.DIGIT5,
        KeyCode.DIGIT6,
        KeyCode.DIGIT7,
        KeyCode.DIGIT8,
        KeyCode.DIGIT9,
        // the tenth area (Leaderboard) takes Ctrl+0, the key after 9
        KeyCode.DIGIT0
    };

    private final AppContext context;
    private final List<Area> areas;
    private final Actions actions;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ListView<Area> sidebar = new ListView<>();
    private final Map<String, AreaView> views = new HashMap<>();
    private final ObjectProperty<AreaView> current = new SimpleObjectProperty<>();
    private final StatusBar statusBar;
    private final MenuItem undoItem = new MenuItem("Undo");
    private final MenuItem redoItem = new MenuItem("Redo");

    public MainWindow(AppContext context, List<Area> areas, Actions actions) {
        this.context = context;
        this.areas = List.copyOf(areas);
        this.actions = actions;
        this.statusBar = new StatusBar(context.workspace().storeName(), context.tasks(), context.notice());
        root.getStyleClass().add("main-window");
        root.setTop(menuBar());
        root.setLeft(sidebar());
        content.getStyleClass().add("area-content");
        root.setCenter(content);
        root.setBottom(statusBar);
        current.addListener((obs, old, view) -> bindUndo(view));
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::areaShortcut);
        bindUndo(null);
        context.navigation().setHandler(request -> {
            select(request.areaId());
            view(request.areaId()).ifPresent(v -> v.open(request.subject()));
        });
        // after the window is up, so an offer's dialog has a window to stand over
        Platform.runLater(() -> this.areas.forEach(a -> a.storeOpened(context)));
    }

    public BorderPane root() {
        return root;
    }

    /** Installs the shortcuts that have no menu item (e.g. Ctrl+Y) on the scene. */
    public void install(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), this::redo);
        Platform.runLater(LongText::warmUp);
    }

    public void select(String areaId) {
        areas.stream()
                .filter(a -> a.id().equals(areaId))
                .findFirst()
                .ifPresent(a -> sidebar.getSelectionModel().select(a));
    }

    public String currentAreaId() {
        Area a = sidebar.getSelectionModel().getSelectedItem();
        return a == null ? null : a.id();
    }

    public Optional<AreaView> view(String areaId) {
        return Optional.ofNullable(views.get(areaId));
    }

    public void setNotice(String text) {
        context.notice().set(text);
    }

    /** Lets every area finish its pending store writes. */
    public void close() {
        views.values().forEach(AreaView::close);
    }

    private void areaShortcut(KeyEvent e) {
        AreaView view = current.get();
        if (view == null) {
            return;
        }
        boolean typing = focusedText().isPresent();
        for (Map.Entry<KeyCombination, Runnable> shortcut : view.shortcuts().entrySet()) {
            KeyCombination keys = shortcut.getKey();
            if (keys.match(e) && !(typing && keys.getShortcut() != KeyCombination.ModifierValue.DOWN)) {
                shortcut.getValue().run();
                e.consume();
                return;
            }
        }
    }

    private Node sidebar() {
        sidebar.getStyleClass().add("sidebar");
        sidebar.setId("sidebar");
        sidebar.getItems().setAll(areas);
        sidebar.setPrefWidth(170);
        sidebar.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Area area, boolean empty) {
                super.updateItem(area, empty);
                if (empty || area == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(area.title());
                    KeyCombination keys = shortcut(areas.indexOf(area));
                    setTooltip(new Tooltip(area.summary() + (keys == null ? "" : " (" + text(keys) + ")")));
                }
            }
        });
        sidebar.getSelectionModel().selectedItemProperty().addListener((obs, old, area) -> show(area));
        return sidebar;
    }

    private void show(Area area) {
        if (area == null) {
            return;
        }
        AreaView view = views.computeIfAbsent(area.id(), id -> area.create(context));
        content.getChildren().setAll(view.node());
        // A notice is about the area that set it; it would mislead next to another one.
        context.notice().set("");
        current.set(view);
        view.shown();
    }

    private MenuBar menuBar() {
        MenuItem openStore = item(
                "Open or create store…",
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                actions::openStore);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), actions::quit);
        Menu file = new Menu("_File", null, openStore, new SeparatorMenuItem(), quit);

        undoItem.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        undoItem.setOnAction(e -> undo());
        redoItem.setAccelerator(
                new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        redoItem.setOnAction(e -> redo());
        Menu edit = new Menu("_Edit", null, undoItem, redoItem);

        Menu view = new Menu("_View");
        for (int i = 0; i < areas.size(); i++) {
            Area area = areas.get(i);
            MenuItem go = item(area.title(), shortcut(i), () -> select(area.id()));
            go.setId("menu-area-" + area.id());
            view.getItems().add(go);
        }
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(actions.darkTheme());
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        dark.setOnAction(e -> actions.setDarkTheme(dark.isSelected()));
        MenuItem cancelTask = item(
                "Cancel newest background task",
                new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN),
                context.tasks()::cancelNewest);
        view.getItems().addAll(new SeparatorMenuItem(), dark, cancelTask);

        MenuItem shortcuts = item("Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1), this::showShortcuts);
        MenuItem about = item(
                "About",
                null,
                () -> context.dialogs()
                        .showInfo(
                                "About " + AppInfo.NAME,
                                AppInfo.NAME + " " + AppInfo.version() + "\nStore: "
                                        + context.workspace().storeName()));
        Menu help = new Menu("_Help", null, shortcuts, about);
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void bindUndo(AreaView view) {
        Optional<UndoSupport> undo = view == null ? Optional.empty() : view.undoSupport();
        undoItem.textProperty().unbind();
        redoItem.textProperty().unbind();
        undoItem.disableProperty().unbind();
        redoItem.disableProperty().unbind();
        if (undo.isEmpty()) {
            undoItem.setText("Undo");
            redoItem.setText("Redo");
            // Still enabled: in a text field, Ctrl+Z undoes typing.
            undoItem.setDisable(false);
            redoItem.setDisable(false);
            return;
        }
        UndoSupport u = undo.get();
        undoItem.textProperty()
                .bind(Bindings.when(Bindings.isEmpty(u.undoDescription()))
                        .then("Undo")
                        .otherwise(Bindings.concat("Undo ", u.undoDescription())));
        redoItem.textProperty()
                .bind(Bindings.when(Bindings.isEmpty(u.redoDescription()))
                        .then("Redo")
                        .otherwise(Bindings.concat("Redo ", u.redoDescription())));
    }

    private Optional<TextInputControl> focusedText() {
        Scene scene = root.getScene();
        return scene != null && scene.getFocusOwner() instanceof TextInputControl t ? Optional.of(t) : Optional.empty();
    }

    /** Ctrl+Z: typing in a text field is undone there first; otherwise the area's last edit. */
    public void undo() {
        Optional<TextInputControl> text = focusedText();
        if (text.isPresent() && text.get().isUndoable()) {
            text.get().undo();
            return;
        }
        Optional.ofNullable(current.get())
                .flatMap(AreaView::undoSupport)
                .filter(u -> u.canUndo().get())
                .ifPresent(UndoSupport::undo);
    }

    public void redo() {
        Optional<TextInputControl> text = focusedText();
        if (text.isPresent() && text.get().isRedoable()) {
            text.get().redo();
            return;
        }
        Optional.ofNullable(current.get())
                .flatMap(AreaView::undoSupport)
                .filter(u -> u.canRedo().get())
                .ifPresent(UndoSupport::redo);
    }

    /** The i-th area's shortcut: its own, else Ctrl+1 … Ctrl+9, then Ctrl+0; null after the tenth. */
    private KeyCombination shortcut(int i) {
        KeyCombination own = areas.get(i).shortcut();
        if (own != null) {
            return own;
        }
        return i < DIGITS.length ? new KeyCodeCombination(DIGITS[i], KeyCombination.SHORTCUT_DOWN) : null;
    }

    /** A shortcut as the help and tooltips write it ("Ctrl+E"), whatever the platform's own display text. */
    private static String text(KeyCombination keys) {
        String name = keys instanceof KeyCodeCombination k ? k.getCode().getName() : keys.getName();
        return keys.getShortcut() == KeyCombination.ModifierValue.DOWN ? "Ctrl+" + name : name;
    }

    private void showShortcuts() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < areas.size(); i++) {
            KeyCombination keys = shortcut(i);
            if (keys != null) {
                text.append(text(keys))
                        .append("  ")
                        .append(areas.get(i).title())
                        .append('\n');
            }
        }
        text.append("""
                Ctrl+O  Open or create a store (Alt+F a folder, Alt+A a team store's postgresql:// address)
                Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y)  Undo / redo
                Ctrl+Period  Cancel the newest background task
                Ctrl+Shift+D  Dark theme on or off
                Seeds: Ctrl+I import files, Ctrl+Shift+I import folder, Ctrl+F search, Delete delete,
                       Ctrl+T edit tags of the selected seeds, Ctrl+R a new run on the selected seeds
                Taxonomies: Ctrl+N add category, Ctrl+Shift+N add subcategory, F2 rename, Delete delete,
                       Alt+Up / Alt+Down move, Alt+Left / Alt+Right outdent / indent, drag to move,
                       Ctrl+Shift+H versions, Ctrl+Shift+R restore the chosen version (as a new version)
                Endpoints: Ctrl+N new, Ctrl+S save, Ctrl+T test connection, Ctrl+Enter send the prompt,
                       Esc stop a streaming reply
                Call ledger: F5 refresh, Ctrl+Page Up / Ctrl+Page Down previous / next page
                Agents & Prompts: Ctrl+S save, Ctrl+Enter try on a seed, Esc stop, Ctrl+Shift+R revert,
                       Ctrl+I variables, Ctrl+Shift+H versions, Ctrl+L agent tree (a skill there opens its flow file)
                Runs: Ctrl+N new run, Ctrl+Enter start, Ctrl+P pause / go on, Esc cancel, Ctrl+R resume,
                       Ctrl+Shift+R retry selected failures, F5 refresh
                Refinement: Alt+Down / Alt+Up (or J / K) next / previous instruction, Alt+Left / Alt+Right
                       choose a round, Alt+Home / Alt+End the seed / the response, A or Ctrl+Enter accept,
                       R or Ctrl+Backspace reject, E or F2 edit, Ctrl+S keep the edit, Esc cancel it,
                       M move on after a decision (on / off), Ctrl+Page Down / Ctrl+Page Up the next / previous
                       page of a long text being edited
                Long texts (Refinement, details, replies): Ctrl+A then Ctrl+C copies all of it
                Instructions: Ctrl+F filters, F5 refresh, Enter or double click opens one in Refinement
                Arena: Ctrl+Tab / Ctrl+Shift+Tab (or Ctrl+Page Down / Ctrl+Page Up) next / previous tab,
                       Ctrl+I import a dataset, F5 refresh the tab, Ctrl+F battle filters,
                       Alt+Page Down / Alt+Page Up next / previous page of battles;
                       Answers and Judge tabs: Ctrl+Enter start, Ctrl+P pause / go on, Esc cancel,
                       Ctrl+R resume the selected job
                Adjudicate (click the battle or Tab to it): 1 or A left better, 2 or B right better,
                       Shift+1 / Shift+2 much better, T tie, X both bad, S skip, Left / Right (or J / K)
                       previous / next, E edit an answer then prefer it (Ctrl+Enter keeps, Esc drops),
                       O override reason (F wrong fact, I instruction not followed, U unsafe, V too verbose,
                       M format, O other), H show or hide the judges, N show the model names,
                       Ctrl+Z / Ctrl+Shift+Z undo / redo a vote, Enter send a vote that was not saved again
                Leaderboard: F5 compute again, Ctrl+Shift+J / H / C / I source judges / people / people else
                       judges / imported, Ctrl+Shift+L style control on / off, Ctrl+F category,
                       Ctrl+T target model, Ctrl+P win-rate matrix observed / predicted, Ctrl+S save the table
                       as CSV, Ctrl+Shift+P / Ctrl+Shift+M save the chart / the matrix as PNG,
                       Ctrl+Tab / Ctrl+Shift+Tab next / previous tab; on Win rates, Tab to the matrix and
                       the arrow keys move between its cells (the cell's counts show under it)
                Export: Ctrl+S export to a JSONL file (an existing file is replaced only after you confirm),
                       Ctrl+Shift+S export as a dataset folder with a card, F5 count again (on Duplicates:
                       compute again; K keep the selected item back, R release it, Delete remove a reference
                       set), Ctrl+Tab the next tab; Alt and a rule's underlined letter moves to it (Alt+R format, Alt+S
                       selection, Alt+T target model, Alt+L answer length, Alt+W row limit, Alt+M metadata),
                       Space ticks a box; the counts and the sample follow the rules as they change
                Loop: Ctrl+T target model, F5 read again, Ctrl+Tab the next tab, Ctrl+N start an iteration (Alt+N
                       its note); Proposals: Space ticks the focused proposal, Enter its battles (Esc back),
                       Ctrl+Enter accept the ticked ones, Alt+A / Alt+M the rule's alpha / minimum battles,
                       Ctrl+Z undo the last acceptance; Ctrl+Shift+N next iteration (run, answers, battles,
                       judging, its estimate first): Space / J tick an endpoint's Answers / Judge, Ctrl+Enter
                       start, Ctrl+Period cancel
                Tab / Shift+Tab move between controls; arrow keys move in lists and trees
                """);
        context.dialogs().showInfo("Keyboard shortcuts", text.toString());
    }
}
