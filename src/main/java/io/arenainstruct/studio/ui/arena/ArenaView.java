package io.arenainstruct.studio.ui.arena;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.shell.UndoSupport;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.Subscriptions;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Arena area: one tab per step of the arena (datasets in, answers, battles, judging). Ctrl+Tab and
 * Ctrl+Page Down / Ctrl+Page Up switch tabs (the tab pane's own keys).
 */
public final class ArenaView extends ModelAreaView<ArenaViewModel> {
    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    private static final KeyCombination IMPORT = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    // Ctrl+Page Down / Up belong to the tab pane (next / previous tab); pages of battles take Alt.
    private static final KeyCombination NEXT_PAGE = new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.ALT_DOWN);
    private static final KeyCombination PREVIOUS_PAGE =
            new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.ALT_DOWN);

    private final TabPane tabs = new TabPane();
    private final TaskExecutor tasks;
    private final DatasetsPane datasets;
    private final BattlesPane battles;
    private final Tab datasetsTab;
    private final Tab battlesTab;
    private final AdjudicatePane adjudicate;
    private final Tab adjudicateTab;
    private final UndoSupport undo;
    private final AgreementPane agreement;
    private final Tab agreementTab;
    /** What F5 and a visit do on each tab: read what it shows again. */
    private final Map<Tab, Runnable> refreshers = new HashMap<>();
    /** Arena jobs' news reaches the tabs through the workspace's job registry, not a timer. */
    private final AutoCloseable arenaJobs;

    private final AutoCloseable elsewhere;

    public ArenaView(AppContext context) {
        super("arena-area", viewModel(context.workspace(), context), ArenaViewModel::close);
        tasks = context.taskExecutor();
        datasets = new DatasetsPane(model.datasets());
        battles = new BattlesPane(model.battles());
        tabs.setId("arena-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        datasetsTab = addTab(
                "datasets",
                "Datasets",
                "Instruction files in (Ctrl+I imports), with what each import rejected",
                datasets.node(),
                model.datasets()::refresh);
        AnswersPane answers = model.add(new AnswersPane(context), AnswersPane::close);
        addTab(
                "answers",
                "Answers",
                "Models of your endpoints answer the instructions (Ctrl+Enter starts)",
                answers,
                answers::refresh);
        battlesTab = addTab(
                "battles",
                "Battles",
                "Battles with filters, and the selected one's answers and verdicts",
                battles.node(),
                model.battles()::refresh);
        JudgePane judge = model.add(new JudgePane(context), JudgePane::close);
        addTab(
                "judge",
                "Judge",
                "A judge or a jury of judges compares the answers of battles (Ctrl+Enter starts)",
                judge,
                judge::refresh);
        adjudicate = model.add(new AdjudicatePane(context), AdjudicatePane::close);
        adjudicateTab = addTab(
                "adjudicate",
                "Adjudicate",
                "Decide battles by keyboard, blind: 1 left better, 2 right better, T tie, X both bad (F1 lists every"
                        + " key)",
                adjudicate,
                adjudicate::refresh);
        undo = new TabUndoSupport(adjudicateTab, adjudicate.undoSupport());
        // Agreement reads every battle people voted on: only on a visit, F5, a category chosen or a job's news.
        AgreementViewModel agreementModel = model.add(
                new AgreementViewModel(context.workspace().agreement(), context.taskExecutor(), context.dialogs()),
                AgreementViewModel::close);
        agreement = new AgreementPane(agreementModel);
        agreementTab = addTab(
                "agreement",
                "Agreement",
                "How far each judge agrees with the people's verdicts, and annotators with each other",
                agreement.node(),
                agreementModel::refresh);
        root.setCenter(tabs);
        agreementModel.showing().bind(root.sceneProperty().isNotNull().and(agreementTab.selectedProperty()));

        model.battles().showing().bind(root.sceneProperty().isNotNull().and(battlesTab.selectedProperty()));
        model.datasets().showing().bind(root.sceneProperty().isNotNull().and(datasetsTab.selectedProperty()));
        arenaJobs = new JobEventBridge<>(context.workspace().arenaJobs(), context.taskExecutor()).subscribe(e -> {
            model.battles().jobEvent(e);
            model.datasets().jobEvent(e);
            agreementModel.jobEvent(e);
        });
        elsewhere = context.storeChanges().subscribe(EnumSet.of(Kind.VERDICT, Kind.BATTLE), kinds -> {
            model.battles().changedElsewhere();
            agreementModel.changedElsewhere();
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, tab) -> {
            if (tab != null && root.getScene() != null) {
                refreshers.getOrDefault(tab, () -> {}).run();
                // After the click that chose the tab: the tab pane takes the focus as that click ends.
                tasks.ui(() -> focus(tab));
            }
        });
    }

    private static ArenaViewModel viewModel(Workspace ws, AppContext context) {
        TaskExecutor tasks = context.taskExecutor();
        return new ArenaViewModel(
                new DatasetsViewModel(ws.datasets(), tasks, context.dialogs()),
                new BattlesViewModel(ws.battles(), tasks, context.dialogs()));
    }

    /**
     * Adds a tab after the others: its content, the tooltip of its title, and what F5 and a visit to it do (read
     * what it shows again; may be null).
     */
    Tab addTab(String id, String title, String tooltip, Node content, Runnable refresh) {
        Tab tab = new Tab(title, content);
        tab.setId("arena-tab-" + id);
        tab.setTooltip(new Tooltip(tooltip + " (Ctrl+Tab: the next tab)"));
        tabs.getTabs().add(tab);
        if (refresh != null) {
            refreshers.put(tab, refresh);
        }
        return tab;
    }

    /** The first visit reads every tab; later ones read the shown tab again. */
    @Override
    public void shown() {
        if (firstShowing()) {
            model.datasets().refresh();
            model.battles().firstPage();
        } else {
            refreshers
                    .getOrDefault(tabs.getSelectionModel().getSelectedItem(), () -> {})
                    .run();
        }
        focus(tabs.getSelectionModel().getSelectedItem());
    }

    private void focus(Tab tab) {
        if (tab == datasetsTab) {
            datasets.focus();
        } else if (tab == battlesTab) {
            battles.focus();
        } else if (tab == adjudicateTab) {
            adjudicate.focusBattle();
        } else if (tab == agreementTab) {
            agreement.focus();
        } else if (tab != null && tab.getContent() != null) {
            tab.getContent().requestFocus();
        }
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(
                REFRESH,
                () -> refreshers
                        .getOrDefault(tabs.getSelectionModel().getSelectedItem(), () -> {})
                        .run(),
                IMPORT,
                () -> {
                    tabs.getSelectionModel().select(datasetsTab);
                    model.datasets().chooseAndImport();
                },
                FIND,
                () -> {
                    tabs.getSelectionModel().select(battlesTab);
                    battles.focusFilters();
                },
                NEXT_PAGE,
                () -> {
                    if (battlesTab.isSelected()) {
                        model.battles().nextPage();
                    }
                },
                PREVIOUS_PAGE,
                () -> {
                    if (battlesTab.isSelected()) {
                        model.battles().previousPage();
                    }
                });
    }

    /** Ctrl+Z and Ctrl+Shift+Z undo and redo votes while the Adjudicate tab shows. */
    @Override
    public Optional<UndoSupport> undoSupport() {
        return Optional.of(undo);
    }

    /** The tabs, for tests. */
    TabPane tabs() {
        return tabs;
    }

    @Override
    public void close() {
        Subscriptions.close(arenaJobs);
        Subscriptions.close(elsewhere);
        super.close();
    }
}
