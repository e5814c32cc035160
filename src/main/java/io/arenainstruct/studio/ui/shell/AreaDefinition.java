package io.arenainstruct.studio.ui.shell;

import java.util.Objects;
import java.util.function.Function;

import io.arenainstruct.studio.ui.AppContext;

/**
 * An area described by its words and the view it makes: what each area's registration class extends, so adding an
 * area is one constructor call and one line in {@code META-INF/services}. (ServiceLoader needs a public class with a
 * constructor without arguments; the subclass gives it.)
 */
public abstract class AreaDefinition implements Area {
    private final String id;
    private final String title;
    private final int order;
    private final String summary;
    private final Function<AppContext, AreaView> view;

    protected AreaDefinition(String id, String title, int order, String summary, Function<AppContext, AreaView> view) {
        this.id = Objects.requireNonNull(id);
        this.title = Objects.requireNonNull(title);
        this.order = order;
        this.summary = Objects.requireNonNull(summary);
        this.view = Objects.requireNonNull(view);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final AreaView create(AppContext context) {
        return view.apply(context);
    }
}
