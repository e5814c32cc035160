package io.arenainstruct.studio.service.workspace;

import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.store.SeedRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.WorkspaceSettingsRepository;

/**
 * The repositories under a workspace, for tests that plant rows or read them back raw. Main code gets services
 * only: the Workspace keeps these package-private (ArchitectureTest holds it to that).
 */
public final class WorkspaceRepositories {
    private WorkspaceRepositories() {}

    public static Store store(Workspace workspace) {
        return workspace.store();
    }

    public static SeedRepository seeds(Workspace workspace) {
        return workspace.seeds();
    }

    public static CallLedgerRepository ledger(Workspace workspace) {
        return workspace.ledger();
    }

    public static WorkspaceSettingsRepository settings(Workspace workspace) {
        return workspace.settings();
    }
}
