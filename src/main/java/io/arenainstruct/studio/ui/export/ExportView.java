package io.arenainstruct.studio.ui.export;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.ModelAreaView;

/**
 * The Export area: tabs over the curated dataset, the first the rules with their counts and a sample. The counts are
 * worked out again each time the area is shown (verdicts and runs change elsewhere) and a moment after a rule
 * changes.
 */
public final class ExportView extends ModelAreaView<ExportViewModel> {
    static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination EXPORT_FOLDER =
            new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final TabPane tabs = new TabPane();
    private final RulesPane rules;
    private final DuplicatesView duplicates;
    private final Tab duplicatesTab;

    public ExportView(AppContext context) {
        super(
                "export-area",
                new ExportViewModel(
                        context.workspace().exports(),
                        () -> choices(context.workspace()),
                        context.taskExecutor(),
                        context.dialogs(),
                        context.workspace().storeName()),
                ExportViewModel::close);
        rules = new RulesPane(model);
        Tab rulesTab = new Tab("Rules and counts", rules.node());
        rulesTab.setId("export-tab-rules");
        rulesTab.setClosable(false);
        rulesTab.setTooltip(new Tooltip("What the rules select, counted as they change, with a sample of the rows"));
        tabs.setId("export-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        duplicates = DuplicatesView.create(context);
        duplicatesTab = new Tab("Duplicates", duplicates.node());
        duplicatesTab.setId("export-tab-duplicates");
        duplicatesTab.setClosable(false);
        duplicatesTab.setTooltip(new Tooltip("Duplicate and contaminated prompts in the store: what is kept, what is"
                + " dropped and why; keep an item back (K), reference sets"));
        tabs.getTabs().addAll(rulesTab, duplicatesTab);
        // The Duplicates tab computes when first opened (a pass over the whole store), then on F5 or a change.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == duplicatesTab) {
                if (duplicates.model().report().get() == null
                        && !duplicates.model().computing().get()) {
                    duplicates.model().refresh();
                }
                // after the tab pane has moved focus itself (to its header, as the old tab's control left)
                Platform.runLater(duplicates::focus);
            } else if (now == rulesTab) {
                Platform.runLater(rules::focus);
            }
        });
        root.setCenter(tabs);
    }

    @Override
    public void close() {
        duplicates.model().close();
        super.close();
    }

    /** What the choosers offer: the arena's models and datasets, the runs, skills and categories. */
    static ExportViewModel.Choices choices(Workspace ws) {
        Set<String> categories = new TreeSet<>(ws.battles().categories());
        categories.addAll(ws.instructions().categories());
        return new ExportViewModel.Choices(
                ws.battles().models(),
                ws.datasets().list().stream().map(ArenaDataset::name).toList(),
                ws.runs().list().stream().map(RunSummary::id).toList(),
                ws.instructions().skills(),
                List.copyOf(categories));
    }

    /** The tabs, where the lead adds the Duplicates tab. */
    public TabPane tabs() {
        return tabs;
    }

    @Override
    public void shown() {
        model.visit();
        if (firstShowing()) {
            // after the pulse that settles the scene's focus once the previous area's nodes left it (which may
            // otherwise give the focus to the first control it finds, once the request below has run)
            Platform.runLater(rules::focus);
        }
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        // F5 counts again on the rules tab, computes the duplicates again on theirs
        return Map.of(EXPORT, model::export, EXPORT_FOLDER, model::exportFolder, REFRESH, () -> {
            if (tabs.getSelectionModel().getSelectedItem() == duplicatesTab) {
                duplicates.model().refresh();
            } else {
                model.refresh();
            }
        });
    }
}
