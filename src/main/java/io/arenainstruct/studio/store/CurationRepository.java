package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.domain.curation.StoredPrompt;

/** Reference prompt sets and a curator's keep decisions (V12__curation.sql). */
public final class CurationRepository {
    private static final String SET_COLUMNS = "name, source_file, format, imported_at, prompt_count";
    private static final int BATCH = 1000;

    private final Store store;

    public CurationRepository(Store store) {
        this.store = store;
    }

    /**
     * Stores a set with its prompts in one transaction: the whole set or nothing. False, storing nothing, when a set
     * of that name exists.
     */
    public boolean insertSet(ReferenceSetInfo info, List<StoredPrompt> prompts) {
        return store.write(c -> {
            if (findSet(c, info.name()).isPresent()) {
                return false;
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reference_set (" + SET_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, info.name());
                ps.setString(2, info.sourceFile());
                ps.setString(3, info.format());
                ps.setTimestamp(4, Timestamp.from(info.importedAt()));
                ps.setInt(5, prompts.size());
                ps.executeUpdate();
                id = Sql.generatedKey(ps);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reference_prompt (set_id, position, prompt_id, text) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < prompts.size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, prompts.get(i).id());
                    ps.setString(4, prompts.get(i).text());
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    /** Every stored set, by name. */
    public List<ReferenceSetInfo> sets() {
        return store.read(c -> {
            List<ReferenceSetInfo> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + SET_COLUMNS + " FROM reference_set ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(set(rs));
                }
            }
            return out;
        });
    }

    public Optional<ReferenceSetInfo> findSet(String name) {
        return store.read(c -> findSet(c, name));
    }

    /** A set's prompts in file order; empty when there is no such set. */
    public List<StoredPrompt> prompts(String name) {
        return store.read(c -> {
            List<StoredPrompt> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.prompt_id, p.text FROM reference_prompt p JOIN"
                    + " reference_set s ON s.id = p.set_id WHERE s.name = ? ORDER BY p.position")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredPrompt(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    /** Removes a set and its prompts; false when there is no such set. */
    public boolean removeSet(String name) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM reference_set WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Records a keep decision, replacing an earlier one for the same text (who and when are the latest). */
    public void keep(KeepDecision keep) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                    store.dialect(), "curation_keep", "text_sha256, item_label, annotator, kept_at", "text_sha256"))) {
                ps.setString(1, keep.textSha256());
                ps.setString(2, keep.itemLabel());
                ps.setString(3, keep.annotator());
                ps.setTimestamp(4, Timestamp.from(keep.keptAt()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Withdraws the keep decision for a text; false when there was none. */
    public boolean release(String textSha256) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM curation_keep WHERE text_sha256 = ?")) {
                ps.setString(1, textSha256);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Every keep decision, oldest first. */
    public List<KeepDecision> keeps() {
        return store.read(c -> {
            List<KeepDecision> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT text_sha256, item_label, annotator, kept_at FROM"
                            + " curation_keep ORDER BY kept_at, text_sha256");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeepDecision(
                            rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "kept_at")));
                }
            }
            return out;
        });
    }

    private static Optional<ReferenceSetInfo> findSet(Connection c, String name) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + SET_COLUMNS + " FROM reference_set WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(set(rs)) : Optional.empty();
            }
        }
    }

    private static ReferenceSetInfo set(ResultSet rs) throws SQLException {
        return new ReferenceSetInfo(
                rs.getString("name"),
                rs.getString("source_file"),
                rs.getString("format"),
                Sql.instant(rs, "imported_at"),
                rs.getInt("prompt_count"));
    }
}
