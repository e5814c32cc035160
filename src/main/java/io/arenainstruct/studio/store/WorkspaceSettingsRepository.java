package io.arenainstruct.studio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Small named facts kept inside a workspace's store (not per-user settings). */
public final class WorkspaceSettingsRepository {
    private final Store store;

    public WorkspaceSettingsRepository(Store store) {
        this.store = store;
    }

    public Optional<String> get(String name) {
        return store.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT setting_value FROM workspace_setting WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void put(String name, String value) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    Sql.upsert(store.dialect(), "workspace_setting", "name, setting_value", "name"))) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
