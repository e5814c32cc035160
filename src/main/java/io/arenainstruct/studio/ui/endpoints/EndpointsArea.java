package io.arenainstruct.studio.ui.endpoints;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Endpoints area. */
public final class EndpointsArea implements Area {
    @Override
    public String id() {
        return "endpoints";
    }

    @Override
    public String title() {
        return "Endpoints";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String summary() {
        return "The models to call: add, test the connection, find models, try a prompt";
    }

    @Override
    public AreaView create(AppContext context) {
        return new EndpointsView(context);
    }
}
