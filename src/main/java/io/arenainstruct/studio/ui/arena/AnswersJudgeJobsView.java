package io.arenainstruct.studio.ui.arena;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.ui.common.Controls;

/**
 * The jobs side of the Answers and Judge tabs: the offer to resume interrupted jobs, the jobs of the tab's kind,
 * and the selected job's progress, actions and failed items. Node ids start with {@code prefix} ("answers" or
 * "judge"), so both tabs can share one scene.
 */
final class AnswersJudgeJobsView extends VBox {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final AnswersJudgeJobs jobs;
    private final ListView<ArenaJob> list = new ListView<>();
    private final Label title = new Label();
    private final Label status = new Label();
    private final Label stages = new Label();
    private final Label stats = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private boolean syncing;

    AnswersJudgeJobsView(String prefix, AnswersJudgeJobs jobs) {
        super(8);
        this.jobs = jobs;
        getStyleClass().add("arena-jobs");
        setPadding(new Insets(12));

        Label noticeText = new Label();
        noticeText.setId(prefix + "-notice-text");
        noticeText.setWrapText(true);
        noticeText.textProperty().bind(jobs.notice());
        Button resumeAll = Controls.button(
                "Resume",
                "Continue the interrupted job where it stopped; nothing it stored is asked again",
                jobs::resumeInterrupted);
        resumeAll.setId(prefix + "-notice-resume");
        Button dismiss = Controls.button(
                "Dismiss",
                "Hide this notice; the job can be resumed later (select it, then Ctrl+R)",
                jobs::dismissNotice);
        dismiss.setId(prefix + "-notice-dismiss");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox notice = new HBox(8, noticeText, gap, resumeAll, dismiss);
        notice.setId(prefix + "-notice");
        notice.getStyleClass().add("arena-jobs-notice");
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.visibleProperty().bind(jobs.notice().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        Label listTitle = new Label(jobs.noun() + "s");
        listTitle.getStyleClass().add("title-4");
        list.setId(prefix + "-jobs");
        list.setItems(jobs.jobs());
        list.setPrefHeight(150);
        Label none = new Label("No jobs yet. Fill in the form and press Start (Ctrl+Enter).");
        none.setWrapText(true);
        list.setPlaceholder(none);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ArenaJob job, boolean empty) {
                super.updateItem(job, empty);
                getStyleClass().remove("arena-job-trouble");
                if (empty || job == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(jobs.statusText(job) + "\nstarted " + WHEN.format(job.createdAt()));
                // what it was asked to do, as recorded for resuming
                setTooltip(new Tooltip(job.config()));
                if (job.status().resumable()) {
                    getStyleClass().add("arena-job-trouble");
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null && !syncing) {
                jobs.select(n);
            }
        });
        jobs.jobs().addListener((ListChangeListener<ArenaJob>) c -> keepSelection());
        jobs.selected().addListener((obs, o, n) -> keepSelection());

        title.setId(prefix + "-job-title");
        title.getStyleClass().add("title-4");
        status.setId(prefix + "-job-status");
        status.getStyleClass().add("arena-job-status");
        status.setWrapText(true);
        bar.setId(prefix + "-job-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        stages.setId(prefix + "-job-stages");
        stats.setId(prefix + "-job-stats");
        stats.setWrapText(true);

        Button pause = new Button();
        pause.setId(prefix + "-pause");
        pause.setOnAction(e -> jobs.togglePause());
        pause.textProperty().bind(Bindings.when(jobs.paused()).then("Go on").otherwise("Pause"));
        pause.setTooltip(
                new Tooltip("Pause: calls in flight finish, no new call starts; press again to go on" + " (Ctrl+P)"));
        pause.disableProperty().bind(jobs.active().not());
        Controls.whole(pause);
        Button cancel = Controls.button(
                "Cancel", "Stop the job; what it finished is kept and it can be resumed (Esc)", jobs::cancel);
        cancel.setId(prefix + "-cancel");
        cancel.disableProperty().bind(jobs.active().not());
        Button resume = Controls.button(
                "Resume job",
                "Continue a cancelled, interrupted or incomplete job; nothing it stored is asked again (Ctrl+R)",
                jobs::resumeSelected);
        resume.setId(prefix + "-resume");
        resume.disableProperty().bind(jobs.resumable().not());
        HBox actions = new HBox(8, pause, cancel, resume);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label failedTitle = new Label("Failed items");
        failedTitle.getStyleClass().add("title-4");
        ListView<String> failures = new ListView<>(jobs.failures());
        failures.setId(prefix + "-failures");
        failures.setPlaceholder(new Label("Nothing failed."));
        failures.setPrefHeight(140);
        failures.getStyleClass().add("arena-job-failures");

        jobs.selected().addListener((obs, o, n) -> show());
        jobs.progress().addListener((obs, o, n) -> show());
        jobs.active().addListener((obs, o, n) -> show());
        jobs.paused().addListener((obs, o, n) -> show());
        show();

        getChildren()
                .addAll(notice, listTitle, list, title, status, bar, stages, stats, actions, failedTitle, failures);
        VBox.setVgrow(failures, Priority.ALWAYS);
    }

    private void keepSelection() {
        ArenaJob s = jobs.selected().get();
        syncing = true;
        try {
            if (s == null) {
                list.getSelectionModel().clearSelection();
                return;
            }
            for (int i = 0; i < jobs.jobs().size(); i++) {
                if (jobs.jobs().get(i).id() == s.id()) {
                    list.getSelectionModel().select(i);
                    break;
                }
            }
        } finally {
            syncing = false;
        }
    }

    private void show() {
        ArenaJob job = jobs.selected().get();
        JobProgress<String> p = jobs.progress().get();
        if (job == null) {
            title.setText("No job selected");
            status.setText("");
            stages.setText("");
            stats.setText("");
            bar.setProgress(0);
            return;
        }
        title.setText(jobs.noun() + " " + job.id());
        status.setText("Status: " + jobs.state(job));
        if (p == null) {
            stages.setText("");
            bar.setProgress(job.status() == RunStatus.COMPLETED ? 1 : 0);
            stats.setText("Progress shows while the job runs in this window.");
            return;
        }
        long[] c = AnswersJudgeJobs.counts(p);
        bar.setProgress(c[1] == 0 ? 0 : (double) c[0] / c[1]);
        stages.setText(AnswersJudgeJobs.stagesText(p));
        stats.setText(AnswersJudgeJobs.statsText(p));
    }
}
