package io.arenainstruct.studio.ui.loop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
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
import io.arenainstruct.studio.ui.common.Focus;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.shell.UndoSupport;

/**
 * The Loop area: the target model chosen above two tabs, the Iterations dashboard and the Proposals to accept. Read
 * on each visit (other areas make the battles and verdicts it shows).
 */
public final class LoopView extends ModelAreaView<LoopViewModel> {
    private final ComboBox<String> target = new ComboBox<>();
    private final TabPane tabs = new TabPane();
    private final Tab iterationsTab;
    private final Tab proposalsTab;
    private final Tab nextTab;
    private final IterationsPane iterations;
    private final ProposalsPane proposals;
    private final NextIterationModel next;
    private final NextIterationPane nextPane;

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

        Workspace ws = context.workspace();
        next = new NextIterationModel(
                ws.nextIteration(),
                ws.endpoints(),
                ws.runs(),
                ws.arenaJobs(),
                context.taskExecutor(),
                model.target()::get,
                model::refresh);
        iterations = new IterationsPane(model, model::startIteration, this::openNext);
        proposals = new ProposalsPane(model, model::accept, model::undoAccept);
        nextPane = new NextIterationPane(next);
        iterationsTab = new Tab("Iterations", iterations.node());
        iterationsTab.setId("loop-iterations-tab");
        proposalsTab = new Tab("Proposals", proposals.node());
        proposalsTab.setId("loop-proposals-tab");
        nextTab = new Tab("Next iteration", nextPane.node());
        nextTab.setId("loop-next-tab");
        tabs.getTabs().setAll(iterationsTab, proposalsTab, nextTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> focusTab());
        root.setCenter(tabs);
        // the plan is for the target shown
        model.target().addListener((obs, o, n) -> {
            if (tabs.getSelectionModel().getSelectedItem() == nextTab) {
                next.replan();
            }
        });
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
        if (tabs.getSelectionModel().getSelectedItem() == nextTab) {
            // other areas may have run or judged since: the plan is worked out again
            next.open();
        }
        focusTab();
    }

    /** Gives the shown tab's table the keys, once the tab's content is in the scene and shown. */
    private void focusTab() {
        Platform.runLater(() -> {
            if (tabs.getSelectionModel().getSelectedItem() == proposalsTab) {
                Focus.whenShown(proposals.table());
            } else if (tabs.getSelectionModel().getSelectedItem() == nextTab) {
                Focus.whenShown(nextPane.endpoint());
            } else {
                Focus.whenShown(iterations.table());
            }
        });
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(new KeyCodeCombination(KeyCode.F5), model::refresh);
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), () -> {
            if (tabs.getSelectionModel().getSelectedItem() == nextTab) {
                next.start();
                return;
            }
            tabs.getSelectionModel().select(proposalsTab);
            model.accept();
        });
        keys.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), model::startIteration);
        keys.put(
                new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                this::openNext);
        keys.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), target::requestFocus);
        return keys;
    }

    /** Next iteration…: its tab, with the plan worked out afresh for the target shown. */
    void openNext() {
        tabs.getSelectionModel().select(nextTab);
        next.open();
        focusTab();
    }

    /** Edit › Undo (Ctrl+Z) undoes the newest acceptance for the target, after a confirmation; there is no redo. */
    @Override
    public Optional<UndoSupport> undoSupport() {
        return Optional.of(undo);
    }

    private final UndoSupport undo = new UndoSupport() {
        private final ReadOnlyBooleanWrapper never = new ReadOnlyBooleanWrapper(false);
        private final ReadOnlyStringWrapper none = new ReadOnlyStringWrapper("");
        private final ObservableBooleanValue can =
                model.undoable().isNotNull().and(model.busy().not());
        private final ObservableStringValue what = Bindings.createStringBinding(
                () -> model.undoable().get() == null
                        ? ""
                        : "acceptance of iteration " + model.undoable().get().iteration(),
                model.undoable());

        @Override
        public ObservableBooleanValue canUndo() {
            return can;
        }

        @Override
        public ObservableBooleanValue canRedo() {
            return never;
        }

        @Override
        public ObservableStringValue undoDescription() {
            return what;
        }

        @Override
        public ObservableStringValue redoDescription() {
            return none;
        }

        @Override
        public void undo() {
            tabs.getSelectionModel().select(proposalsTab);
            model.undoAccept();
        }

        @Override
        public void redo() {}
    };

    @Override
    public void close() {
        next.close();
        super.close();
    }

    /** For tests. */
    TabPane tabs() {
        return tabs;
    }

    ProposalsPane proposals() {
        return proposals;
    }

    NextIterationPane nextPane() {
        return nextPane;
    }

    NextIterationModel next() {
        return next;
    }

    IterationsPane iterations() {
        return iterations;
    }
}
