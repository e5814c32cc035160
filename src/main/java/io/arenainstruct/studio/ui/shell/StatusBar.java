package io.arenainstruct.studio.ui.shell;

import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import io.arenainstruct.studio.ui.task.BackgroundTask;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/** Bottom bar: the store's path, a short notice, and each running background task with progress and Cancel. */
final class StatusBar extends HBox {
    private final HBox tasksBox = new HBox(12);
    private final Label notice = new Label();

    StatusBar(String storePath, TaskMonitor tasks, ObservableStringValue noticeText) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        Label store = new Label("Store: " + storePath);
        store.setId("store-path");
        store.getStyleClass().add("store-path");
        store.setTooltip(new Tooltip("The workspace's store folder. Open another with File › Open store… (Ctrl+O)"));
        notice.setId("status-notice");
        notice.getStyleClass().add("status-notice");
        notice.textProperty().bind(noticeText);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        tasksBox.setAlignment(Pos.CENTER_RIGHT);
        tasksBox.setId("running-tasks");
        getChildren().addAll(store, notice, spacer, tasksBox);
        tasks.running().addListener((ListChangeListener<BackgroundTask<?>>) change -> rebuild(tasks));
        rebuild(tasks);
    }

    private void rebuild(TaskMonitor tasks) {
        tasksBox.getChildren().clear();
        for (BackgroundTask<?> task : tasks.running()) {
            Label label = new Label();
            label.textProperty().bind(task.titleProperty().concat(": ").concat(task.messageProperty()));
            label.getStyleClass().add("task-label");
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(task.progressProperty());
            bar.setPrefWidth(160);
            Button cancel = new Button("Cancel");
            cancel.getStyleClass().add("small");
            cancel.setTooltip(new Tooltip("Stop this task; what it finished is kept (Ctrl+Period)"));
            cancel.disableProperty().bind(task.cancellingProperty());
            cancel.setOnAction(e -> task.requestCancel());
            HBox row = new HBox(6, label, bar, cancel);
            row.setAlignment(Pos.CENTER_RIGHT);
            row.getStyleClass().add("running-task");
            tasksBox.getChildren().add(row);
        }
    }
}
