package io.arenainstruct.studio.ui.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Arena area's view models, one per tab. The Datasets and Battles tabs' are made with the area; the other tabs
 * add theirs with {@link #add}, so closing the area closes every one.
 */
public final class ArenaViewModel {
    private final DatasetsViewModel datasets;
    private final BattlesViewModel battles;
    private final List<Runnable> closers = new ArrayList<>();

    public ArenaViewModel(DatasetsViewModel datasets, BattlesViewModel battles) {
        this.datasets = datasets;
        this.battles = battles;
        closers.add(battles::close);
    }

    /** Holds another tab's view model, closed with {@code close} when the area closes; returns it. */
    public <T> T add(T tabModel, Consumer<? super T> close) {
        closers.add(() -> close.accept(tabModel));
        return tabModel;
    }

    public DatasetsViewModel datasets() {
        return datasets;
    }

    public BattlesViewModel battles() {
        return battles;
    }

    /** Closes every tab's view model, in the order they were added; one that throws does not stop the others. */
    public void close() {
        RuntimeException first = null;
        for (Runnable c : closers) {
            try {
                c.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
