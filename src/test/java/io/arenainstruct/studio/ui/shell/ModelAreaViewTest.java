package io.arenainstruct.studio.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The area view skeleton: the root's id, a first showing told once, and closing the view model. */
class ModelAreaViewTest {

    /** A view model that records being closed. */
    private static final class Model {
        final List<String> closed = new ArrayList<>();

        void close() {
            closed.add("closed");
        }
    }

    private static final class View extends ModelAreaView<Model> {
        final List<String> shown = new ArrayList<>();

        View(Model model) {
            super("sample-area", model, Model::close);
        }

        @Override
        public void shown() {
            shown.add(firstShowing() ? "load" : "refresh");
        }
    }

    @Test
    void theRootCarriesTheAreasIdAndStyleClassAndIsTheNode() {
        View view = new View(new Model());

        assertThat(view.node()).isSameAs(view.root);
        assertThat(view.node().getId()).isEqualTo("sample-area");
        assertThat(view.node().getStyleClass()).containsExactly("sample-area");
    }

    @Test
    void onlyTheFirstShowingLoadsAndClosingClosesTheViewModelOnce() {
        Model model = new Model();
        View view = new View(model);

        view.shown();
        view.shown();
        view.shown();
        view.close();

        assertThat(view.model()).isSameAs(model);
        assertThat(view.shown).containsExactly("load", "refresh", "refresh");
        assertThat(model.closed).containsExactly("closed");
    }
}
