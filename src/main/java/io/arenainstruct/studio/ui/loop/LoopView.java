package io.arenainstruct.studio.ui.loop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.service.workspace.SampleWorkspace;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.shell.ModelAreaView;

/**
 * The Loop area: the target model chosen above two tabs, the Iterations dashboard and the Proposals to accept. Read
 * on each visit (other areas make the battles and verdicts it shows).
 */
public final class LoopView extends ModelAreaView<LoopViewModel> {
    private final ComboBox<String> target = new ComboBox<>();
    private final TabPane tabs = new TabPane();
    private final Tab iterationsTab;
    private final Tab proposalsTab;
    private final IterationsPane iterations;
    private final ProposalsPane proposals;

    public LoopView(AppContext context) {
        super("loop-area", model(context), LoopViewModel::close);
        target.setId("loop-target");
        target.setItems(model.models());
        target.setPromptText("no model yet");
        target.valueProperty().bindBidirectional(model.target());
        Label targetLabel = new Label("_Target model:");
        targetLabel.setMnemonicParsing(true);
        targetLabel.setLabelFor(target);
        Button refresh = Controls.button("Refresh", "Read the iterations and the proposals again (F5)", model::refresh);
        HBox bar = new HBox(8, Controls.whole(targetLabel), target, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(target, Priority.NEVER);
        root.setTop(Controls.toolbar(bar));

        iterations = new IterationsPane(model, model::startIteration);
        proposals = new ProposalsPane(model, model::accept);
        iterationsTab = new Tab("Iterations", iterations.node());
        iterationsTab.setId("loop-iterations-tab");
        proposalsTab = new Tab("Proposals", proposals.node());
        proposalsTab.setId("loop-proposals-tab");
        tabs.getTabs().setAll(iterationsTab, proposalsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> focusTab());
        root.setCenter(tabs);
    }

    private static LoopViewModel model(AppContext context) {
        Workspace ws = context.workspace();
        return new LoopViewModel(
                ws.iterations(),
                ws.agreement(),
                ws.loop(),
                ws.battles(),
                context.taskExecutor(),
                context.dialogs(),
                () -> context.preferences().annotator().get(),
                () -> taxonomies(ws));
    }

    /** The store's taxonomies and the shipped ones of skills it has none for, as a run would take them. */
    private static List<Taxonomy> taxonomies(Workspace ws) {
        List<Taxonomy> all = new ArrayList<>(ws.taxonomies().all());
        Set<String> stored = all.stream().map(Taxonomy::skillId).collect(Collectors.toSet());
        SampleWorkspace.shippedTaxonomies().stream()
                .filter(t -> !stored.contains(t.skillId()))
                .forEach(all::add);
        return all;
    }

    @Override
    public void shown() {
        model.load();
        focusTab();
    }

    /** Gives the shown tab's table the keys, once the tab's content is in the scene (after this pulse). */
    private void focusTab() {
        Platform.runLater(() -> {
            if (tabs.getSelectionModel().getSelectedItem() == proposalsTab) {
                proposals.table().requestFocus();
            } else {
                iterations.table().requestFocus();
            }
        });
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.F5), model::refresh);
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(proposalsTab);
            model.accept();
        });
        keys.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), model::startIteration);
        keys.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), target::requestFocus);
        return keys;
    }

    /** For tests. */
    TabPane tabs() {
        return tabs;
    }

    ProposalsPane proposals() {
        return proposals;
    }

    IterationsPane iterations() {
        return iterations;
    }
}
