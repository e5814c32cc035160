package io.arenainstruct.studio.ui.arena;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.service.agreement.Agreement;
import io.arenainstruct.studio.service.agreement.AgreementReport;
import io.arenainstruct.studio.service.agreement.AgreementService;
import io.arenainstruct.studio.service.agreement.AnnotatorAgreement;
import io.arenainstruct.studio.service.agreement.JudgeAgreement;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Agreement tab: how far each judge agrees with the battles' human majority verdict, how far annotators agree
 * with each other, and Krippendorff's alpha, over all battles or one category. Read in the background, one read at
 * a time; read again on a visit, on F5, when the category changes and when a judging job stores verdicts while the
 * tab shows.
 */
public final class AgreementViewModel {
    private final AgreementService agreement;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final StringProperty category = new SimpleStringProperty();
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObservableList<JudgeAgreement> judges = FXCollections.observableArrayList();
    private final ObservableList<AnnotatorAgreement> annotators = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper alpha = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final BooleanProperty showing = new SimpleBooleanProperty(true);
    private final Latest reading = new Latest();
    /** Judged games each judging job had at its last progress event. */
    private final Map<Long, Integer> judged = new HashMap<>();
    /** News arrived while a read was under way: read once more after it. */
    private boolean stale;

    private boolean closed;

    public AgreementViewModel(AgreementService agreement, TaskExecutor tasks, DialogService dialogs) {
        this.agreement = agreement;
        this.tasks = tasks;
        this.dialogs = dialogs;
        category.addListener((obs, o, n) -> refresh());
    }

    private record Read(Agreement agreement, List<String> categories) {}

    /** Reads the figures for the chosen category (and the categories to choose from) again. */
    public void refresh() {
        if (closed) {
            return;
        }
        String chosen = category.get() == null || category.get().isBlank() ? null : category.get();
        loading.set(true);
        tasks.wrap(() -> new Read(agreement.compute(chosen), agreement.categories()))
                .onSuccess(read -> {
                    AgreementReport r = read.agreement().overall();
                    judges.setAll(r.judges());
                    annotators.setAll(r.annotators());
                    summary.set(summaryText(chosen, r));
                    alpha.set(alphaText(r));
                    if (!categories.equals(read.categories())) {
                        categories.setAll(read.categories());
                    }
                    loading.set(false);
                    if (stale) {
                        stale = false;
                        refresh();
                    }
                })
                .onFailure(e -> {
                    loading.set(false);
                    stale = false;
                    dialogs.showError("Cannot read the agreement figures", e.getMessage());
                })
                .latestOnly(reading)
                .start();
    }

    /**
     * Another client changed verdicts or battles (a team store): read again as a job's news makes it, while the tab
     * shows (a visit reads anyway), one read at a time.
     */
    void changedElsewhere() {
        if (closed || !showing.get()) {
            return;
        }
        if (loading.get()) {
            stale = true;
        } else {
            refresh();
        }
    }

    /** A judging job that judged more games, or any arena job that ended, makes the tab read again if it shows. */
    void jobEvent(JobEvent<JobProgress<String>> event) {
        if (event instanceof JobEvent.Progressed<JobProgress<String>> p) {
            int games = BattlesViewModel.judgedGames(p.progress());
            Integer before = judged.put(p.jobId(), games);
            if (games < 0 || before != null && before >= games) {
                return;
            }
        } else if (event instanceof JobEvent.Finished<?>) {
            judged.remove(event.jobId());
        } else if (!(event instanceof JobEvent.ItemChanged<?>)) {
            return;
        }
        if (closed || !showing.get()) {
            return;
        }
        if (loading.get()) {
            stale = true;
        } else {
            refresh();
        }
    }

    /** Stops reading: the store is about to close. */
    void close() {
        closed = true;
        reading.invalidate();
    }

    static String summaryText(String category, AgreementReport r) {
        String scope = category == null ? "All battles" : "Category " + category;
        return scope + ": " + count(r.humanBattles(), "battle") + " with a human majority verdict; "
                + count(r.splitBattles(), "battle") + " where the annotators split, left out of the judges'"
                + " figures";
    }

    static String alphaText(AgreementReport r) {
        return "Krippendorff's alpha over all annotators: " + figure(r.krippendorffAlpha()) + " ("
                + count(r.alphaUnits(), "battle") + " with two or more annotators)";
    }

    /** "1 battle", "1,204 battles". */
    static String count(long n, String singular) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : singular + "s");
    }

    /** A figure with three decimals, or a dash when it cannot be computed. */
    public static String figure(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** The category to break down by; null or blank for all battles. */
    public StringProperty category() {
        return category;
    }

    /** The categories of battles people voted on. */
    public ObservableList<String> categories() {
        return categories;
    }

    public ObservableList<JudgeAgreement> judges() {
        return judges;
    }

    public ObservableList<AnnotatorAgreement> annotators() {
        return annotators;
    }

    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty alpha() {
        return alpha.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the tab shows; the view binds it. News from jobs is read only while it does. */
    public BooleanProperty showing() {
        return showing;
    }
}
