package io.arenainstruct.studio.ui.shell;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import javafx.scene.input.KeyCombination;

import io.arenainstruct.studio.ui.AppContext;

/**
 * One area of the sidebar (Seeds, Taxonomies, …). An area registers itself with one line in
 * {@code META-INF/services/io.arenainstruct.studio.ui.shell.Area}; the shell needs no other edit.
 */
public interface Area {
    /** Stable id, remembered in settings (e.g. "seeds"). */
    String id();

    /** The name in the sidebar and the View menu. */
    String title();

    /** Sidebar position; also gives the Ctrl+N shortcut (first area Ctrl+1). */
    int order();

    /**
     * The area's own shortcut, or null for the shell's Ctrl+digit by position (there are ten; an area after the
     * tenth names its own, e.g. Ctrl+E for Export).
     */
    default KeyCombination shortcut() {
        return null;
    }

    /** One line for the sidebar tooltip. */
    String summary();

    AreaView create(AppContext context);

    /**
     * Called once when a store opens in the window, whichever area is shown: an area with something the curator
     * should hear of at once (runs a crash or kill interrupted) offers it here, on the FX thread.
     */
    default void storeOpened(AppContext context) {}

    static List<Area> registered() {
        return ServiceLoader.load(Area.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(Area::order))
                .toList();
    }
}
