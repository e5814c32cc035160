package io.arenainstruct.studio.ui.leaderboard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.service.files.TextFiles;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.service.ratings.RatingsProblem;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Debouncer;
import io.arenainstruct.studio.ui.task.Subscriptions;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Leaderboard: ratings computed in the background from the chosen source, with or without style control, over
 * all battles or one category. One computation at a time (a fit with bootstrap rounds takes the cores): a request
 * made meanwhile runs once it ends, with the options chosen by then. Computed again when the options change, on a
 * visit after the verdicts changed, on F5, and a second after the last of a burst of verdict changes while the
 * area shows. A computation whose options were changed meanwhile (its figures would not be shown), or still running
 * when the area closes, is cancelled: it stops at its next step (between answers' texts, between bootstrap rounds),
 * never inside the store's I/O. One for the same options runs to its end (figures a vote old beat none while votes
 * keep coming), and the newer request follows.
 */
public final class LeaderboardViewModel {
    /** What the view shows in place of the figures. */
    public enum State {
        /** Nothing computed yet. */
        LOADING,
        /** The figures of {@link #leaderboard()}. */
        READY,
        /** No leaderboard can be computed: {@link #message()} says why in a sentence. */
        PROBLEM,
        /** The computation failed: {@link #message()} has the error. */
        FAILED
    }

    /** What the view model asks of the ratings (the ratings service's reads). */
    public interface Ratings {
        /**
         * @throws RatingsProblem        when there is nothing to rate, with a sentence for the curator
         * @throws CancellationException when {@code cancellation} said so before the figures were done
         */
        Leaderboard compute(RatingOptions options, Cancellation cancellation);

        List<String> categories();
    }

    /** The wait after a verdict change before computing again: a burst of votes makes one computation. */
    static final Duration QUIET = Duration.ofSeconds(1);

    private static final String JUDGE_STAGE = "judge";

    private final Ratings ratings;
    private final VerdictChanges changes;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final AutoCloseable subscription;
    /** One hand-over to the UI thread at a time, however many writers tell of changes meanwhile. */
    private final AtomicBoolean handOver = new AtomicBoolean();

    private final ObjectProperty<RatingSource> source = new SimpleObjectProperty<>(RatingSource.COMBINED);
    private final BooleanProperty styleControl = new SimpleBooleanProperty();
    private final StringProperty category = new SimpleStringProperty();
    private final StringProperty target = new SimpleStringProperty();
    private final BooleanProperty predicted = new SimpleBooleanProperty();
    private final BooleanProperty showing = new SimpleBooleanProperty(true);

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyObjectWrapper<Leaderboard> leaderboard = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> categories = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper targetMessage = new ReadOnlyStringWrapper("");

    private ZoneId zone = ZoneId.systemDefault();
    private boolean running;
    private boolean pending;
    /** The running computation's cancellation and options; null when none runs. */
    private AtomicBoolean cancelRunning;

    private RatingOptions runningOptions;
    /** A change heard while the area was hidden that the verdict-change count does not tell (a job's news). */
    private boolean dirty;
    /** The verdict-change count the figures shown were computed at; -1: none computed. */
    private long computedAt = -1;
    /** Games judged by each judging job at its last progress event. */
    private final Map<Long, Integer> judged = new HashMap<>();

    private boolean closed;
    /** Options set from the remembered choices: not a change to compute on. */
    private boolean restoring;

    public LeaderboardViewModel(Ratings ratings, VerdictChanges changes, TaskExecutor tasks, DialogService dialogs) {
        this.ratings = ratings;
        this.changes = changes;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.debouncer = tasks.debounce(QUIET, this::refresh);
        // told on the writer's thread: only a flag and one hand-over to the UI thread per burst
        this.subscription = changes.subscribe(() -> {
            if (handOver.compareAndSet(false, true)) {
                tasks.ui(() -> {
                    handOver.set(false);
                    verdictsChanged();
                });
            }
        });
        source.addListener((obs, o, n) -> refresh());
        styleControl.addListener((obs, o, n) -> refresh());
        category.addListener((obs, o, n) -> refresh());
        target.addListener((obs, o, n) -> refresh());
    }

    /**
     * Starts from the source and style control the curator chose last time, without computing (the first visit
     * does); an unknown source id (a settings file edited by hand) leaves the default.
     */
    public void restore(String sourceId, boolean style) {
        restoring = true;
        try {
            if (sourceId != null) {
                try {
                    source.set(RatingSource.of(sourceId));
                } catch (IllegalArgumentException e) {
                    source.set(RatingSource.COMBINED);
                }
            }
            styleControl.set(style);
        } finally {
            restoring = false;
        }
    }

    /** The options the figures are computed with: the command's defaults with the choices of the area. */
    public RatingOptions options() {
        String c = category.get() == null || category.get().isBlank() ? null : category.get();
        String t = target.get() == null || target.get().isBlank() ? null : target.get();
        return RatingOptions.defaults()
                .withSource(source.get())
                .withStyleControl(styleControl.get())
                .withCategory(c)
                .withTarget(t);
    }

    /** A computation's outcome; {@code cancelled}: it was stopped, nothing to show. */
    private record Read(Leaderboard board, String problem, List<String> categories, boolean cancelled) {}

    /** Computes the figures again now (F5, a changed option), or as soon as the computation under way ends. */
    public void refresh() {
        if (closed || restoring) {
            return;
        }
        debouncer.stop();
        if (running) {
            pending = true;
            if (!runningOptions.equals(options())) {
                // its figures would not be shown: it stops at its next step and the newer request runs
                cancelRunning.set(true);
            }
            return;
        }
        running = true;
        dirty = false;
        computing.set(true);
        RatingOptions asked = options();
        long version = changes.version();
        AtomicBoolean cancel = new AtomicBoolean();
        cancelRunning = cancel;
        runningOptions = asked;
        tasks.wrap(() -> compute(asked, cancel::get))
                .onSuccess(read -> finished(asked, version, read, null))
                .onFailure(e -> finished(asked, version, null, e))
                .start();
    }

    /** Runs in the background. */
    private Read compute(RatingOptions asked, Cancellation cancel) {
        Leaderboard board = null;
        String problem = null;
        try {
            try {
                board = ratings.compute(asked, cancel);
            } catch (RatingsProblem p) {
                if (asked.target() == null) {
                    throw p;
                }
                // the target has no verdicts under this source or category (the fit may refuse it): the figures
                // without it, the Target tab says why
                board = ratings.compute(asked.withTarget(null), cancel);
            }
        } catch (RatingsProblem p) {
            problem = p.getMessage();
        } catch (CancellationException e) {
            return new Read(null, null, List.of(), true);
        }
        return new Read(board, problem, ratings.categories(), false);
    }

    private void finished(RatingOptions asked, long version, Read read, Throwable error) {
        running = false;
        cancelRunning = null;
        runningOptions = null;
        computing.set(false);
        if (closed) {
            return;
        }
        // a result for options changed since is not shown: the one for the new options follows
        if ((read == null || !read.cancelled()) && asked.equals(options())) {
            computedAt = version;
            if (read == null) {
                state.set(State.FAILED);
                message.set("The ratings could not be computed: " + error.getMessage());
            } else {
                if (!categories.equals(read.categories())) {
                    categories.setAll(read.categories());
                }
                if (read.board() != null) {
                    showTargets(read.board());
                    leaderboard.set(read.board());
                    summary.set(LeaderboardText.summary(read.board(), zone));
                    message.set("");
                    state.set(State.READY);
                } else {
                    message.set(read.problem());
                    summary.set("");
                    state.set(State.PROBLEM);
                }
            }
        }
        if (pending) {
            pending = false;
            refresh();
        }
    }

    /**
     * The target chooser offers the models rated (the chosen target kept even when this source or category has
     * nothing of it, so switching back restores it); the Target tab says when the target is not among them.
     */
    private void showTargets(Leaderboard board) {
        List<String> rated = new ArrayList<>();
        for (ModelRating r : board.ratings()) {
            rated.add(r.model());
        }
        String t = target.get();
        boolean missing = t != null && !t.isBlank() && !rated.contains(t);
        List<String> offered = new ArrayList<>(rated);
        if (missing) {
            offered.add(t);
        }
        if (!models.equals(offered)) {
            models.setAll(offered);
        }
        targetMessage.set(missing ? t + " has no verdicts under this source or category." : "");
    }

    /**
     * The area is shown: computes again when the verdicts changed since the figures shown (or none are), or a job
     * told of news while it was hidden.
     */
    public void visit() {
        if (computedAt < 0 || computedAt != changes.version() || dirty) {
            refresh();
        }
    }

    /** Verdicts changed: computed again after a quiet second while the area shows, else on the next visit. */
    void verdictsChanged() {
        if (closed) {
            return;
        }
        if (showing.get()) {
            debouncer.trigger();
        } else {
            dirty = true;
        }
    }

    /**
     * An arena job's news: a judging job that judged more games, or any job that ended, counts as a verdict
     * change (the store tells of its own writes too; the two make one computation).
     */
    public void jobEvent(JobEvent<JobProgress<String>> event) {
        if (event instanceof JobEvent.Progressed<JobProgress<String>> p) {
            int games = judgedGames(p.progress());
            Integer before = judged.put(p.jobId(), games);
            if (games < 0 || before != null && before >= games) {
                return;
            }
        } else if (event instanceof JobEvent.Finished<?>) {
            judged.remove(event.jobId());
        } else {
            return;
        }
        verdictsChanged();
    }

    private static int judgedGames(JobProgress<String> progress) {
        if (progress == null) {
            return -1;
        }
        for (StageCount<String> s : progress.stages()) {
            if (JUDGE_STAGE.equals(s.stage())) {
                return s.done() + s.failed();
            }
        }
        return -1;
    }

    /** Asks where to save the table and writes it as CSV in the background. */
    public void saveTable() {
        Leaderboard board = leaderboard.get();
        if (board == null || state.get() != State.READY) {
            dialogs.showInfo("Nothing to save", "There are no ratings to save yet.");
            return;
        }
        dialogs.chooseSaveFile("Save the leaderboard table", "leaderboard.csv", "CSV files", "csv")
                .map(chosen -> withExtension(chosen, "csv"))
                .ifPresent(file -> write(file, "the table", () -> {
                    TextFiles.writeAtomically(file, LeaderboardCsv.of(board));
                    return file;
                }));
    }

    /**
     * Asks where to save a picture of the figures ({@code what}: "chart" or "matrix", the file's suggested name) and
     * writes it as PNG in the background; the view takes the picture on the UI thread, with its caption.
     */
    public void saveImage(String what, BufferedImage image) {
        if (state.get() != State.READY) {
            dialogs.showInfo("Nothing to save", "There are no ratings to save yet.");
            return;
        }
        dialogs.chooseSaveFile(
                        "Save the " + what + " as a picture", "leaderboard-" + what + ".png", "PNG images", "png")
                .map(chosen -> withExtension(chosen, "png"))
                .ifPresent(file -> write(file, "the " + what, () -> {
                    ByteArrayOutputStream png = new ByteArrayOutputStream();
                    if (!ImageIO.write(image, "png", png)) {
                        throw new IOException("no PNG writer");
                    }
                    TextFiles.writeAtomically(file, png.toByteArray());
                    return file;
                }));
    }

    private void write(Path file, String what, Callable<Path> work) {
        tasks.wrap(work)
                .onSuccess(p -> {})
                .onFailure(e -> dialogs.showError("Cannot save " + what, file + ": " + e.getMessage()))
                .start();
    }

    /** The file chosen, with {@code .ext} added when its name has no extension (a name typed bare). */
    static Path withExtension(Path file, String ext) {
        String name = file.getFileName().toString();
        return name.lastIndexOf('.') > 0 ? file : file.resolveSibling(name + "." + ext);
    }

    /** Stops computing and listening: the store is about to close. A computation under way is cancelled. */
    public void close() {
        closed = true;
        debouncer.stop();
        if (cancelRunning != null) {
            cancelRunning.set(true);
        }
        Subscriptions.close(subscription);
    }

    /** The time zone the time computed is shown in (tests fix it). */
    void zone(ZoneId z) {
        this.zone = z;
    }

    ZoneId zone() {
        return zone;
    }

    public ObjectProperty<RatingSource> source() {
        return source;
    }

    public BooleanProperty styleControl() {
        return styleControl;
    }

    /** The category the ratings are computed over; null for all battles. */
    public StringProperty category() {
        return category;
    }

    /** The model whose win rate against each competitor is shown; null for none. */
    public StringProperty target() {
        return target;
    }

    /** Whether the matrix shows the win rates Bradley–Terry predicts rather than those observed. */
    public BooleanProperty predicted() {
        return predicted;
    }

    /** Whether the area shows; the view binds it. Verdict changes are computed while it does. */
    public BooleanProperty showing() {
        return showing;
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** The last figures computed for the options shown (kept while new ones are computed). */
    public ReadOnlyObjectProperty<Leaderboard> leaderboard() {
        return leaderboard.getReadOnlyProperty();
    }

    /** The problem's sentence or the failure, shown in place of the figures. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** Observations and battles behind the figures, and the time they were computed. */
    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    /** Whether a computation is under way (the figures shown stay until it ends). */
    public ReadOnlyBooleanProperty computing() {
        return computing.getReadOnlyProperty();
    }

    public ObservableList<String> categories() {
        return categories;
    }

    /** The models of the last figures, to choose a target from (and the target chosen, kept). */
    public ObservableList<String> models() {
        return models;
    }

    /** Why the Target tab has no rows for the target chosen ("X has no verdicts under …"); empty otherwise. */
    public ReadOnlyStringProperty targetMessage() {
        return targetMessage.getReadOnlyProperty();
    }
}
