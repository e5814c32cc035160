package io.arenainstruct.studio.ui;

import java.util.concurrent.Executor;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/**
 * What every area of the open workspace gets: its services, the background executor, dialogs, the status
 * bar's notice line, and the way to send the curator to another area.
 */
public record AppContext(Workspace workspace, Executor executor, TaskMonitor tasks, DialogService dialogs,
                         StringProperty notice, Navigation navigation) {

    public AppContext(Workspace workspace, Executor executor, TaskMonitor tasks, DialogService dialogs) {
        this(workspace, executor, tasks, dialogs, new SimpleStringProperty(""), new Navigation());
    }
}
