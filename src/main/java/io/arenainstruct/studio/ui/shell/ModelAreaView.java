package io.arenainstruct.studio.ui.shell;

import java.util.Objects;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

/**
 * The skeleton every area view shares: its view model, a root pane carrying the area's id and style class, and
 * closing the view model before the store closes. A view builds its controls into {@link #root} and binds them to
 * {@link #model}.
 *
 * @param <M> the area's view model
 */
public abstract class ModelAreaView<M> implements AreaView {
    /** The area's view model, made by the view's constructor from the services it needs. */
    protected final M model;

    /** The area's node: a view puts its toolbar on top and its panes in the center. */
    protected final BorderPane root = new BorderPane();

    private final Consumer<? super M> closeModel;
    private boolean shownBefore;

    /**
     * @param id         the root's id and style class (e.g. "seeds-area"), what tests and the stylesheet find
     * @param closeModel finishes the view model's work (pending writes) when the area closes
     */
    protected ModelAreaView(String id, M model, Consumer<? super M> closeModel) {
        this.model = Objects.requireNonNull(model);
        this.closeModel = Objects.requireNonNull(closeModel);
        root.getStyleClass().add(id);
        root.setId(id);
    }

    /** For a view model with nothing to finish when the area closes. */
    protected ModelAreaView(String id, M model) {
        this(id, model, m -> {});
    }

    public final M model() {
        return model;
    }

    @Override
    public final Node node() {
        return root;
    }

    /**
     * Whether the area is being shown for the first time: true once, on the first call (areas load lazily, when
     * first shown, and refresh on later showings).
     */
    protected final boolean firstShowing() {
        boolean first = !shownBefore;
        shownBefore = true;
        return first;
    }

    /** Closes the view model; a view with more to stop (timers, subscriptions) overrides and calls this. */
    @Override
    public void close() {
        closeModel.accept(model);
    }
}
