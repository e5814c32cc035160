package io.arenainstruct.studio.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** Small builders shared by the areas, so every button has a tooltip that names its shortcut. */
public final class Controls {
    private Controls() {}

    public static Button button(String text, String tooltip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tooltip));
        b.setOnAction(e -> action.run());
        return whole(b);
    }

    /** Keeps the control at least as wide as its text, so a narrow window never shows it as "D…". */
    public static <T extends Labeled> T whole(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    /**
     * Gives a form grid a label column that never cuts its labels ("Instructions per s…") and a field column
     * that takes the rest of the width.
     */
    public static GridPane labelledColumns(GridPane grid) {
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    /** An area's toolbar that wraps onto a second row when the window is too narrow for one. */
    public static FlowPane toolbar(Node... items) {
        FlowPane bar = new FlowPane(8, 6, items);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        bar.getStyleClass().add("area-toolbar");
        for (Node item : items) {
            if (item instanceof Labeled l) {
                whole(l);
            }
        }
        return bar;
    }

    /** Adds or removes a style class (a state the CSS shows, such as "problem"). */
    /**
     * A drop-down of skill ids that shows each skill by its name and the id (what the command line's --skill
     * takes) on hover; {@code any} is the "all skills" choice, shown as it is.
     */
    public static void skillChoices(ComboBox<String> box, String any, UnaryOperator<String> nameOf) {
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String skill) {
                return skill == null || any.equals(skill) ? skill : nameOf.apply(skill);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        box.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String skill, boolean empty) {
                super.updateItem(skill, empty);
                setText(empty || skill == null ? null : box.getConverter().toString(skill));
                setTooltip(empty || skill == null || any.equals(skill) ? null : new Tooltip("Skill id: " + skill));
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
    }

    public static void styleIf(Node node, String styleClass, boolean on) {
        node.getStyleClass().remove(styleClass);
        if (on) {
            node.getStyleClass().add(styleClass);
        }
    }

    /** Moves the focus into the field with its text selected, ready to be typed over. */
    public static void focusAndSelect(TextInputControl field) {
        field.requestFocus();
        field.selectAll();
    }

    /**
     * Fills a chooser of names with {@code none} (no choice) and the items, shown as {@link LongText} shows outside
     * text, keeping the choice while it is still among them; follows the items as they change.
     */
    public static void choicesWithNone(ComboBox<String> box, String none, ObservableList<String> items) {
        box.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : LongText.visible(item));
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
        Runnable fill = () -> {
            String keep = box.getValue();
            List<String> all = new ArrayList<>();
            all.add(none);
            all.addAll(items);
            if (!box.getItems().equals(all)) {
                box.getItems().setAll(all);
            }
            box.setValue(keep != null && all.contains(keep) ? keep : none);
        };
        fill.run();
        items.addListener((ListChangeListener<String>) c -> fill.run());
    }
}
