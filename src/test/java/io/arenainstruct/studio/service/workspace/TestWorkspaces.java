package io.arenainstruct.studio.service.workspace;

import java.nio.file.Path;

import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.store.TestStores;

/**
 * Workspaces for service tests, on the database the test run asks for: an H2 folder, or (in the
 * {@code store-on-postgresql} run, {@code studio.test.store=postgresql}) a PostgreSQL database standing for the
 * folder, so the services' SQL is checked on both databases.
 */
public final class TestWorkspaces {
    private TestWorkspaces() {}

    public static Workspace open(Path dir) {
        return TestStores.onPostgresql() ? Workspace.open(TestStores.databaseFor(dir)) : Workspace.open(dir);
    }

    public static Workspace open(Path dir, KeyResolver keys, RetryPolicy retries) {
        return TestStores.onPostgresql()
                ? Workspace.open(TestStores.databaseFor(dir), keys, retries)
                : Workspace.open(dir, keys, retries);
    }
}
