package io.arenainstruct.studio.ui;

import java.util.concurrent.Executor;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.Preferences;
import io.arenainstruct.studio.ui.task.FxTaskExecutor;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.StoreChangeBridge;
import io.arenainstruct.studio.ui.task.TaskExecutor;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/**
 * What every area of the open workspace gets: its services, the background executor, dialogs, the status
 * bar's notice line, the way to send the curator to another area, and the curator's remembered choices.
 */
public record AppContext(
        Workspace workspace,
        Executor executor,
        TaskMonitor tasks,
        DialogService dialogs,
        StringProperty notice,
        Navigation navigation,
        Preferences preferences) {

    public AppContext(Workspace workspace, Executor executor, TaskMonitor tasks, DialogService dialogs) {
        this(workspace, executor, tasks, dialogs, new Preferences());
    }

    public AppContext(
            Workspace workspace, Executor executor, TaskMonitor tasks, DialogService dialogs, Preferences preferences) {
        this(workspace, executor, tasks, dialogs, new SimpleStringProperty(""), new Navigation(), preferences);
    }

    /** Where view models start background work: the executor's threads, results on the FX thread. */
    public TaskExecutor taskExecutor() {
        return new FxTaskExecutor(executor, tasks);
    }

    /** The running jobs of the workspace, their events delivered on the FX thread. */
    public JobEventBridge<RunProgress> jobEvents() {
        return new JobEventBridge<>(workspace.jobs(), taskExecutor());
    }

    /** Other clients' changes to the store (a PostgreSQL store shared by a team), on the FX thread, coalesced. */
    public StoreChangeBridge storeChanges() {
        return new StoreChangeBridge(workspace.changes(), taskExecutor());
    }
}
