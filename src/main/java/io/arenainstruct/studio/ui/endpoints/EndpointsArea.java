package io.arenainstruct.studio.ui.endpoints;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Endpoints area. */
public final class EndpointsArea extends AreaDefinition {
    public EndpointsArea() {
        super(
                "endpoints",
                "Endpoints",
                30,
                "The models to call: add, test the connection, find models, try a prompt",
                EndpointsView::new);
    }
}
