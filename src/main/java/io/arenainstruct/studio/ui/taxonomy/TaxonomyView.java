package io.arenainstruct.studio.ui.taxonomy;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.taxonomy.TaxonomyEdits;
import io.arenainstruct.studio.service.taxonomy.TaxonomyYaml;
import io.arenainstruct.studio.service.taxonomy.VersionDiff;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.shell.UndoSupport;
import io.arenainstruct.studio.ui.task.Subscriptions;

/** The Taxonomies area: skills on the left, the selected skill's tree, and the selected node's details. */
public final class TaxonomyView extends ModelAreaView<TaxonomyViewModel> {
    private static final KeyCombination ADD_CATEGORY = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination ADD_SUBCATEGORY =
            new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination MOVE_UP = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    private static final KeyCombination MOVE_DOWN = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);
    private static final KeyCombination OUTDENT = new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN);
    private static final KeyCombination INDENT = new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN);
    private static final KeyCombination RENAME = new KeyCodeCombination(KeyCode.F2);
    private static final KeyCombination DELETE = new KeyCodeCombination(KeyCode.DELETE);
    // as in Agents & Prompts: Ctrl+Shift+H the versions, Ctrl+Shift+R back to the chosen one
    private static final KeyCombination VERSIONS =
            new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination RESTORE =
            new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final AppContext context;
    private final ListView<Taxonomy> skillList = new ListView<>();
    private final TreeView<TaxonomyNode> tree = new TreeView<>();
    private final TextField nameField = new TextField();
    private final TextArea descriptionField = new TextArea();
    private final TextField weightField = new TextField();
    private final CheckBox enabledBox = new CheckBox("Enabled (sampled when generating)");
    private final Label formTitle = new Label();
    private final Label problem = new Label();
    private final ListView<VersionDiff> versionList = new ListView<>();
    private TaxonomyNode dragged;
    /** The skill the tree shows, so a reload of the same skill keeps the entry selected by its place. */
    private String treeSkill;

    private final AutoCloseable elsewhere;

    public TaxonomyView(AppContext context) {
        super(
                "taxonomy-area",
                new TaxonomyViewModel(context.workspace().taxonomies(), context.taskExecutor(), context.dialogs()),
                TaxonomyViewModel::close);
        this.context = context;
        model.notice().addListener((obs, o, n) -> {
            if (!n.isEmpty()) {
                context.notice().set(n);
            }
        });
        root.setTop(toolbar());
        SplitPane split = new SplitPane(skillPane(), treePane(), formPane());
        // The skill list is wide enough at 1400 px for the longest sample skill with its counts.
        split.setDividerPositions(0.26, 0.64);
        root.setCenter(split);
        model.current().addListener((obs, o, n) -> {
            if (n != null && skillList.getSelectionModel().getSelectedItem() != n) {
                skillList.getSelectionModel().select(n);
            }
            rebuildTree();
        });
        model.revision().addListener((obs, o, n) -> {
            rebuildTree();
            skillList.refresh();
        });
        // a taxonomy another client saved (a team store) shows without a refresh, unless the form has edits
        elsewhere = context.storeChanges()
                .subscribe(EnumSet.of(Kind.TAXONOMY), kinds -> model.changedElsewhere(formEdited()));
    }

    @Override
    public void close() {
        Subscriptions.close(elsewhere);
        super.close();
    }

    @Override
    public void shown() {
        if (firstShowing()) {
            model.load(null);
        } else {
            model.reloadIfChangedElsewhere();
        }
        tree.requestFocus();
    }

    @Override
    public Optional<UndoSupport> undoSupport() {
        return Optional.of(model.undoSupport());
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.ofEntries(
                Map.entry(ADD_SUBCATEGORY, this::addSubcategory),
                Map.entry(ADD_CATEGORY, this::addCategory),
                Map.entry(RENAME, () -> Controls.focusAndSelect(nameField)),
                Map.entry(MOVE_UP, () -> moveBy(-1)),
                Map.entry(MOVE_DOWN, () -> moveBy(1)),
                Map.entry(OUTDENT, this::outdent),
                Map.entry(INDENT, this::indent),
                Map.entry(DELETE, () -> {
                    if (tree.isFocused()) {
                        deleteSelected();
                    }
                }),
                Map.entry(VERSIONS, this::focusVersions),
                Map.entry(RESTORE, this::restoreVersion));
    }

    private void focusVersions() {
        versionList.requestFocus();
        if (versionList.getSelectionModel().isEmpty() && !versionList.getItems().isEmpty()) {
            versionList.getSelectionModel().select(0);
        }
    }

    private void restoreVersion() {
        VersionDiff v = versionList.getSelectionModel().getSelectedItem();
        if (v != null) {
            model.restore(v);
        }
    }

    /** The current skill's versions, newest first, and a restore of the one chosen. */
    private Node versionsPane() {
        Label title = new Label("Versions");
        title.getStyleClass().add("title-4");
        versionList.setId("taxonomy-versions");
        versionList.setItems(model.versions());
        versionList.setPrefHeight(160);
        versionList.setPlaceholder(new Label("No versions yet"));
        versionList.setTooltip(new Tooltip("Every saved change is a version (Ctrl+Shift+H): what made it and which"
                + " weights it changed. Ctrl+Shift+R restores the chosen one as a new version"));
        versionList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(VersionDiff v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : versionLine(v));
                setTooltip(empty || v == null ? null : new Tooltip(v.version().madeBy() + "\n" + v.summary()));
            }
        });
        Button restore = Controls.button(
                "Restore this version",
                "Make the chosen version the taxonomy again, as a new version; nothing is lost (Ctrl+Shift+R)",
                this::restoreVersion);
        restore.setId("restore-taxonomy-version");
        restore.disableProperty()
                .bind(versionList.getSelectionModel().selectedItemProperty().isNull());
        // what made the chosen version and what it changed, in full (a row has room for a brief only)
        Label detail = new Label();
        detail.setId("taxonomy-version-detail");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        detail.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            VersionDiff v = versionList.getSelectionModel().getSelectedItem();
                            return v == null
                                    ? "Choose a version to see what made it and what it changed"
                                    : "Version " + v.version().number() + ", "
                                            + v.version().madeBy() + ": " + v.summary();
                        },
                        versionList.getSelectionModel().selectedItemProperty()));
        return new VBox(6, title, versionList, detail, restore);
    }

    static String versionLine(VersionDiff v) {
        return "v" + v.version().number() + "  ·  " + WHEN.format(v.version().madeAt()) + "  ·  " + v.brief();
    }

    private Node toolbar() {
        Button addCategory =
                Controls.button("Add category", "Add a category to this skill (Ctrl+N)", this::addCategory);
        addCategory.setId("add-category");
        Button addSub = Controls.button(
                "Add subcategory", "Add a subcategory to the selected category (Ctrl+Shift+N)", this::addSubcategory);
        addSub.setId("add-subcategory");
        Button delete = Controls.button(
                "Delete", "Delete the selected entry and what is under it (Delete)", this::deleteSelected);
        delete.setId("delete-node");
        Button up = Controls.button("Move up", "Move the selected entry up (Alt+Up)", () -> moveBy(-1));
        up.setId("move-up");
        Button down = Controls.button("Move down", "Move the selected entry down (Alt+Down)", () -> moveBy(1));
        down.setId("move-down");
        Button outdent = Controls.button("Outdent", "Make a subcategory a category (Alt+Left)", this::outdent);
        Button indent =
                Controls.button("Indent", "Make a category a subcategory of the one above (Alt+Right)", this::indent);
        Button importFile =
                Controls.button("Import…", "Import a taxonomy YAML file; it is checked first", this::importFile);
        importFile.setId("import-taxonomy");
        Button exportFile = Controls.button("Export…", "Export this skill's taxonomy as a YAML file", this::exportFile);
        exportFile.setId("export-taxonomy");
        return Controls.toolbar(
                addCategory,
                addSub,
                delete,
                new Separator(Orientation.VERTICAL),
                up,
                down,
                outdent,
                indent,
                new Separator(Orientation.VERTICAL),
                importFile,
                exportFile);
    }

    private Node skillPane() {
        skillList.setId("skill-list");
        skillList.setItems(model.skills());
        skillList.setPlaceholder(new Label("No taxonomies. Import a YAML file."));
        skillList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Taxonomy t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : TaxonomyViewModel.label(t));
                setTooltip(
                        empty || t == null
                                ? null
                                : new Tooltip(t.skillId() + ": " + t.description() + "\n" + t.categoryCount()
                                        + " categories, " + t.subcategoryCount() + " subcategories"));
            }
        });
        skillList.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null && model.current().get() != n) {
                model.current().set(n);
            }
        });
        return skillList;
    }

    private Node treePane() {
        tree.setId("taxonomy-tree");
        tree.setShowRoot(true);
        tree.setCellFactory(t -> new NodeCell());
        // The tree's own keys take F2 (cell editing, which this tree does not use) before the area sees it.
        tree.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (RENAME.match(e)) {
                Controls.focusAndSelect(nameField);
                e.consume();
            }
        });
        tree.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, o, n) -> fillForm(n == null ? null : n.getValue()));
        return tree;
    }

    private Node formPane() {
        formTitle.getStyleClass().add("title-4");
        nameField.setId("node-name");
        nameField.setTooltip(new Tooltip("The name; Enter saves (F2 jumps here)"));
        nameField.setOnAction(e -> applyForm());
        descriptionField.setId("node-description");
        descriptionField.setWrapText(true);
        descriptionField.setPrefRowCount(5);
        descriptionField.setTooltip(new Tooltip("What to generate for this type; Ctrl+Enter saves"));
        descriptionField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                applyForm();
                e.consume();
            }
        });
        weightField.setId("node-weight");
        weightField.setTooltip(new Tooltip("Relative chance among its siblings (0 to 1,000,000); Enter saves"));
        weightField.setOnAction(e -> applyForm());
        enabledBox.setId("node-enabled");
        Button apply = Controls.button("Save", "Save the changes to this entry (Enter)", this::applyForm);
        apply.setId("apply-node");
        apply.setDefaultButton(false);
        problem.setId("node-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, formLabel("Name", nameField), nameField);
        grid.addRow(1, formLabel("Description", descriptionField), descriptionField);
        grid.addRow(2, formLabel("Weight", weightField), weightField);
        grid.add(enabledBox, 0, 3, 2, 1); // both columns: the whole sentence fits in a narrow window
        Controls.whole(enabledBox);
        GridPane.setHgrow(nameField, Priority.ALWAYS);
        VBox box = new VBox(10, formTitle, grid, apply, problem, changedElsewhereBar(), versionsPane());
        box.setPadding(new Insets(8));
        box.getStyleClass().add("node-form");
        fillForm(null);
        return box;
    }

    /** "Changed elsewhere" with the curator's two choices, shown only while a change waits for them. */
    private Node changedElsewhereBar() {
        Label text = new Label("The taxonomies were changed elsewhere while you edit this entry. Reload them (your"
                + " unsaved edits are dropped), or keep editing and save over the change.");
        text.setWrapText(true);
        text.getStyleClass().add("problem");
        Button reload = Controls.button("_Reload", "Show the taxonomies as stored now (Alt+R)", model::reloadFromStore);
        reload.setId("taxonomy-reload-elsewhere");
        Button keep = Controls.button("_Keep editing", "Keep your edits (Alt+K)", model::keepEditing);
        keep.setId("taxonomy-keep-editing");
        VBox bar = new VBox(6, text, Controls.toolbar(reload, keep));
        bar.setId("taxonomy-changed-elsewhere");
        bar.visibleProperty().bind(model.elsewhere());
        bar.managedProperty().bind(model.elsewhere());
        return bar;
    }

    private Taxonomy taxonomy() {
        return model.current().get();
    }

    private TaxonomyNode selectedNode() {
        TreeItem<TaxonomyNode> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    private void fillForm(TaxonomyNode node) {
        problem.setText("");
        Taxonomy t = taxonomy();
        boolean none = node == null || t == null;
        nameField.setDisable(none);
        descriptionField.setDisable(none);
        if (none) {
            formTitle.setText("Select an entry to edit it");
            nameField.clear();
            descriptionField.clear();
            weightField.clear();
            weightField.setDisable(true);
            enabledBox.setDisable(true);
            return;
        }
        int depth = TaxonomyEdits.depth(t, node);
        formTitle.setText(depth == 0 ? "Skill " + t.skillId() : depth == 1 ? "Category" : "Subcategory");
        nameField.setText(node.name());
        descriptionField.setText(node.description());
        weightField.setText(TaxonomyYaml.formatWeight(node.weight()));
        enabledBox.setSelected(node.enabled());
        weightField.setDisable(depth == 0);
        enabledBox.setDisable(depth == 0);
    }

    private void applyForm() {
        Taxonomy t = taxonomy();
        TaxonomyNode node = selectedNode();
        if (t == null || node == null) {
            return;
        }
        double weight;
        try {
            weight = Double.parseDouble(weightField.getText().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            problem.setText("The weight must be a number such as 1.0");
            return;
        }
        String name = nameField.getText();
        String description = descriptionField.getText();
        boolean enabled = enabledBox.isSelected();
        if (name.strip().equals(node.name())
                && description.equals(node.description())
                && Double.compare(weight, node.weight()) == 0
                && enabled == node.enabled()) {
            return;
        }
        report(model.perform(t, () -> TaxonomyEdits.change(t, node, name, description, weight, enabled), node, node));
    }

    private void addCategory() {
        Taxonomy t = taxonomy();
        if (t == null) {
            return;
        }
        TaxonomyNode selected = selectedNode();
        int index = t.categories().size();
        if (selected != null && TaxonomyEdits.depth(t, selected) == 1) {
            index = t.categories().indexOf(selected) + 1;
        }
        TaxonomyNode node = TaxonomyNode.of(TaxonomyEdits.freshName(t.root(), "New category"));
        int at = index;
        report(model.perform(t, () -> TaxonomyEdits.add(t, t.root(), at, node), node, selected));
        startRename(node);
    }

    private void addSubcategory() {
        Taxonomy t = taxonomy();
        TaxonomyNode selected = selectedNode();
        if (t == null || selected == null || selected == t.root()) {
            problem.setText("Select a category first, then add a subcategory to it");
            return;
        }
        TaxonomyNode category = TaxonomyEdits.depth(t, selected) == 1
                ? selected
                : TaxonomyEdits.parentOf(t, selected).orElse(null);
        if (category == null) {
            return;
        }
        TaxonomyNode node = TaxonomyNode.of(TaxonomyEdits.freshName(category, "New subcategory"));
        int index = category == selected
                ? category.children().size()
                : category.children().indexOf(selected) + 1;
        report(model.perform(t, () -> TaxonomyEdits.add(t, category, index, node), node, selected));
        startRename(node);
    }

    private void startRename(TaxonomyNode node) {
        if (selectedNode() == node) {
            Controls.focusAndSelect(nameField);
        }
    }

    private void deleteSelected() {
        Taxonomy t = taxonomy();
        TaxonomyNode node = selectedNode();
        if (t == null || node == null || node == t.root()) {
            return;
        }
        TaxonomyNode parent = TaxonomyEdits.parentOf(t, node).orElse(t.root());
        int index = parent.children().indexOf(node);
        TaxonomyNode after = index + 1 < parent.children().size()
                ? parent.children().get(index + 1)
                : index > 0 ? parent.children().get(index - 1) : parent;
        report(model.perform(t, () -> TaxonomyEdits.remove(t, node), after, node));
    }

    private void moveBy(int delta) {
        Taxonomy t = taxonomy();
        TaxonomyNode node = selectedNode();
        if (t == null || node == null || node == t.root()) {
            return;
        }
        TaxonomyNode parent = TaxonomyEdits.parentOf(t, node).orElseThrow();
        int index = parent.children().indexOf(node) + delta;
        if (index < 0 || index >= parent.children().size()) {
            return;
        }
        report(model.perform(t, () -> TaxonomyEdits.move(t, node, parent, index), node, node));
    }

    private void outdent() {
        Taxonomy t = taxonomy();
        TaxonomyNode node = selectedNode();
        if (t == null || node == null || TaxonomyEdits.depth(t, node) != 2) {
            return;
        }
        TaxonomyNode parent = TaxonomyEdits.parentOf(t, node).orElseThrow();
        int index = t.categories().indexOf(parent) + 1;
        report(model.perform(t, () -> TaxonomyEdits.move(t, node, t.root(), index), node, node));
    }

    private void indent() {
        Taxonomy t = taxonomy();
        TaxonomyNode node = selectedNode();
        if (t == null || node == null || TaxonomyEdits.depth(t, node) != 1) {
            return;
        }
        int index = t.categories().indexOf(node);
        if (index == 0) {
            problem.setText("There is no category above to move it into");
            return;
        }
        TaxonomyNode above = t.categories().get(index - 1);
        report(model.perform(
                t, () -> TaxonomyEdits.move(t, node, above, above.children().size()), node, node));
    }

    /** Drop rule: onto a shallower entry moves inside it (at the end); otherwise before the target. */
    private void drop(TaxonomyNode node, TaxonomyNode target) {
        Taxonomy t = taxonomy();
        if (t == null || node == null || target == null || node == target) {
            return;
        }
        int nodeDepth = TaxonomyEdits.depth(t, node);
        int targetDepth = TaxonomyEdits.depth(t, target);
        if (targetDepth < nodeDepth) {
            int end = target.children().contains(node)
                    ? target.children().size() - 1
                    : target.children().size();
            report(model.perform(t, () -> TaxonomyEdits.move(t, node, target, end), node, node));
        } else {
            TaxonomyNode parent = TaxonomyEdits.parentOf(t, target).orElseThrow();
            int index = parent.children().indexOf(target);
            if (parent.children().contains(node) && parent.children().indexOf(node) < index) {
                index--;
            }
            int at = index;
            report(model.perform(t, () -> TaxonomyEdits.move(t, node, parent, at), node, node));
        }
    }

    private void report(Optional<String> refusal) {
        problem.setText(refusal.orElse(""));
    }

    private void importFile() {
        context.dialogs()
                .chooseFile("Import a taxonomy", "Taxonomy YAML files", "yaml")
                .ifPresent(model::importFile);
    }

    private void exportFile() {
        Taxonomy t = taxonomy();
        if (t != null) {
            context.dialogs()
                    .chooseSaveFile("Export the taxonomy", t.skillId() + ".yaml", "Taxonomy YAML files", "yaml")
                    .ifPresent(file -> model.exportFile(t, file));
        }
    }

    /** Rebuilds the tree from the model, keeping which entries were expanded and selecting the focus entry. */
    private void rebuildTree() {
        Taxonomy t = taxonomy();
        Set<TaxonomyNode> expanded = Collections.newSetFromMap(new IdentityHashMap<>());
        collectExpanded(tree.getRoot(), expanded);
        TaxonomyNode wanted = model.focus().get() != null ? model.focus().get() : selectedNode();
        if (t == null) {
            tree.setRoot(null);
            fillForm(null);
            return;
        }
        boolean sameSkill = tree.getRoot() != null && tree.getRoot().getValue() == t.root();
        List<Integer> place =
                t.skillId().equals(treeSkill) ? place(tree.getSelectionModel().getSelectedItem()) : null;
        treeSkill = t.skillId();
        TreeItem<TaxonomyNode> rootItem = item(t.root(), expanded, !sameSkill);
        rootItem.setExpanded(true);
        tree.setRoot(rootItem);
        TreeItem<TaxonomyNode> select = find(rootItem, wanted);
        if (select == null && place != null) {
            select = at(rootItem, place); // the same skill read again: its entries are new objects
        }
        if (select == null) {
            select = rootItem;
        }
        for (TreeItem<TaxonomyNode> p = select.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        tree.getSelectionModel().select(select);
        int row = tree.getRow(select);
        if (row >= 0) {
            tree.scrollTo(Math.max(0, row - 3));
        }
        fillForm(select.getValue());
    }

    private static TreeItem<TaxonomyNode> item(TaxonomyNode node, Set<TaxonomyNode> expanded, boolean expandAll) {
        TreeItem<TaxonomyNode> item = new TreeItem<>(node);
        item.setExpanded(expandAll || expanded.contains(node));
        for (TaxonomyNode child : node.children()) {
            item.getChildren().add(item(child, expanded, expandAll));
        }
        return item;
    }

    private static void collectExpanded(TreeItem<TaxonomyNode> item, Set<TaxonomyNode> out) {
        if (item == null) {
            return;
        }
        if (item.isExpanded()) {
            out.add(item.getValue());
        }
        item.getChildren().forEach(c -> collectExpanded(c, out));
    }

    /** Where an item is in its tree: child indexes from the root; null for none. */
    private static List<Integer> place(TreeItem<TaxonomyNode> item) {
        if (item == null) {
            return null;
        }
        List<Integer> path = new ArrayList<>();
        for (TreeItem<TaxonomyNode> i = item; i.getParent() != null; i = i.getParent()) {
            path.add(0, i.getParent().getChildren().indexOf(i));
        }
        return path;
    }

    /** The item at {@code place}, or the nearest one above it that exists. */
    private static TreeItem<TaxonomyNode> at(TreeItem<TaxonomyNode> root, List<Integer> place) {
        TreeItem<TaxonomyNode> item = root;
        for (int index : place) {
            if (index < 0 || index >= item.getChildren().size()) {
                break;
            }
            item = item.getChildren().get(index);
        }
        return item;
    }

    /** Whether the form holds edits not saved to the selected entry. */
    private boolean formEdited() {
        TaxonomyNode node = selectedNode();
        if (taxonomy() == null || node == null) {
            return false;
        }
        double weight;
        try {
            weight = Double.parseDouble(weightField.getText().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return true;
        }
        return !(nameField.getText().strip().equals(node.name())
                && descriptionField.getText().equals(node.description())
                && Double.compare(weight, node.weight()) == 0
                && enabledBox.isSelected() == node.enabled());
    }

    private static TreeItem<TaxonomyNode> find(TreeItem<TaxonomyNode> item, TaxonomyNode node) {
        if (node == null) {
            return null;
        }
        if (item.getValue() == node) {
            return item;
        }
        for (TreeItem<TaxonomyNode> c : item.getChildren()) {
            TreeItem<TaxonomyNode> found = find(c, node);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Label formLabel(String text, Node field) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(field);
        return label;
    }

    /** A tree row: name, weight, dimmed when disabled; a drag source and drop target. */
    private final class NodeCell extends TreeCell<TaxonomyNode> {
        NodeCell() {
            setOnDragDetected(e -> {
                if (getItem() == null || getTreeItem() == tree.getRoot()) {
                    return;
                }
                dragged = getItem();
                ClipboardContent content = new ClipboardContent();
                content.putString(getItem().name());
                startDragAndDrop(TransferMode.MOVE).setContent(content);
                e.consume();
            });
            setOnDragOver(e -> {
                if (dragged != null && getItem() != null && getItem() != dragged) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragEntered(e -> {
                if (dragged != null && getItem() != null) {
                    getStyleClass().add("drop-target");
                }
            });
            setOnDragExited(e -> getStyleClass().remove("drop-target"));
            setOnDragDropped(e -> {
                TaxonomyNode node = dragged;
                dragged = null;
                drop(node, getItem());
                e.setDropCompleted(true);
                e.consume();
            });
            setOnDragDone(e -> dragged = null);
        }

        @Override
        protected void updateItem(TaxonomyNode node, boolean empty) {
            super.updateItem(node, empty);
            getStyleClass().remove("disabled-node");
            if (empty || node == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            boolean isRoot = getTreeItem() != null && getTreeItem().getParent() == null;
            setText(
                    isRoot
                            ? node.name()
                            : node.name() + "  ·  " + weightText(node.weight())
                                    + (node.enabled() ? "" : "  (disabled)"));
            if (!node.enabled()) {
                getStyleClass().add("disabled-node");
            }
            setTooltip(node.description().isEmpty() ? null : new Tooltip(node.description()));
        }
    }

    private static String weightText(double weight) {
        return "weight " + TaxonomyYaml.formatWeight(weight);
    }
}
