package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.TaxonomyVersion;

/**
 * Skills and their taxonomy trees. A save replaces a skill's whole tree in one transaction and keeps each changed tree
 * as the skill's next version (V16, decision 0021).
 */
public final class TaxonomyRepository {
    private final Store store;

    public TaxonomyRepository(Store store) {
        this.store = store;
    }

    /** All stored taxonomies, ordered by skill id. */
    public List<Taxonomy> loadAll() {
        return store.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM skill ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            List<Taxonomy> out = new ArrayList<>();
            for (String id : ids) {
                load(c, id).ifPresent(out::add);
            }
            return out;
        });
    }

    public Optional<Taxonomy> load(String skillId) {
        return store.read(c -> load(c, skillId));
    }

    public boolean exists(String skillId) {
        return load(skillId).isPresent();
    }

    private static Optional<Taxonomy> load(Connection c, String skillId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, description FROM skill WHERE id = ?")) {
            ps.setString(1, skillId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(nodes(
                        c,
                        skillId,
                        new TaxonomyNode(rs.getString(1), rs.getString(2), 1.0, true),
                        "taxonomy_node WHERE skill_id = ?",
                        -1));
            }
        }
    }

    /** Reads the nodes under {@code root} from {@code fromWhere} (skill id, then the version when it is not -1). */
    private static Taxonomy nodes(Connection c, String skillId, TaxonomyNode root, String fromWhere, int version)
            throws SQLException {
        Map<Integer, TaxonomyNode> byPosition = new HashMap<>();
        byPosition.put(0, root);
        try (PreparedStatement ps = c.prepareStatement("SELECT position, parent_position, name, description, weight,"
                + " enabled FROM " + fromWhere + " ORDER BY position")) {
            ps.setString(1, skillId);
            if (version != -1) {
                ps.setInt(2, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TaxonomyNode node =
                            new TaxonomyNode(rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getBoolean(6));
                    byPosition.put(rs.getInt(1), node);
                    TaxonomyNode parent = byPosition.get(rs.getInt(2));
                    if (parent == null) {
                        throw new SQLException("taxonomy " + skillId + " has a node whose parent is missing");
                    }
                    parent.children().add(node);
                }
            }
        }
        return new Taxonomy(skillId, root);
    }

    /** Stores the taxonomy, replacing any earlier one of the same skill; a change is a version "saved". */
    public void save(Taxonomy taxonomy) {
        save(taxonomy, "saved", Instant.now());
    }

    /**
     * Stores the taxonomy, replacing the skill's current one, and, when it differs from the skill's newest version
     * (or the skill has none), adds it as the next version made by {@code madeBy} at {@code at}; one transaction.
     *
     * @return the number of the version added; empty when the taxonomy is the newest version's
     */
    public OptionalInt save(Taxonomy taxonomy, String madeBy, Instant at) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    Sql.upsert(store.dialect(), "skill", "id, name, description, updated_at", "id"))) {
                ps.setString(1, taxonomy.skillId());
                ps.setString(2, taxonomy.name());
                ps.setString(3, taxonomy.description());
                ps.setTimestamp(4, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM taxonomy_node WHERE skill_id = ?")) {
                ps.setString(1, taxonomy.skillId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO taxonomy_node (skill_id, position,"
                    + " parent_position, name, description, weight, enabled) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int[] next = {1};
                insertChildren(ps, taxonomy.skillId(), taxonomy.root(), 0, next, -1);
                ps.executeBatch();
            }
            Optional<TaxonomyVersion> newest = newest(c, taxonomy.skillId());
            // the root's weight and switch are not stored, so they do not count as a change
            Taxonomy stored = load(c, taxonomy.skillId()).orElseThrow();
            if (newest.isPresent() && newest.get().taxonomy().sameAs(stored)) {
                return OptionalInt.empty();
            }
            int number = newest.map(v -> v.number() + 1).orElse(1);
            store.announce(StoreChange.Kind.TAXONOMY, 0);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO taxonomy_version (skill_id, version, name,"
                    + " description, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, taxonomy.skillId());
                ps.setInt(2, number);
                ps.setString(3, taxonomy.name());
                ps.setString(4, taxonomy.description());
                ps.setString(5, madeBy);
                ps.setTimestamp(6, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO taxonomy_version_node (skill_id, version,"
                    + " position, parent_position, name, description, weight, enabled)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int[] next = {1};
                insertChildren(ps, taxonomy.skillId(), taxonomy.root(), 0, next, number);
                ps.executeBatch();
            }
            return OptionalInt.of(number);
        });
    }

    /** The versions of a skill's taxonomy, oldest first; empty when it has none. */
    public List<TaxonomyVersion> versions(String skillId) {
        return store.read(c -> {
            List<Integer> numbers = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT version FROM taxonomy_version WHERE skill_id = ? ORDER BY version")) {
                ps.setString(1, skillId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getInt(1));
                    }
                }
            }
            List<TaxonomyVersion> out = new ArrayList<>();
            for (int n : numbers) {
                version(c, skillId, n).ifPresent(out::add);
            }
            return out;
        });
    }

    /** One version of a skill's taxonomy. */
    public Optional<TaxonomyVersion> version(String skillId, int number) {
        return store.read(c -> version(c, skillId, number));
    }

    /** The newest version of a skill's taxonomy. */
    public Optional<TaxonomyVersion> newest(String skillId) {
        return store.read(c -> newest(c, skillId));
    }

    private static Optional<TaxonomyVersion> newest(Connection c, String skillId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT MAX(version) FROM taxonomy_version WHERE skill_id = ?")) {
            ps.setString(1, skillId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int n = rs.getInt(1);
                return rs.wasNull() ? Optional.empty() : version(c, skillId, n);
            }
        }
    }

    private static Optional<TaxonomyVersion> version(Connection c, String skillId, int number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, description, made_by, made_at"
                + " FROM taxonomy_version WHERE skill_id = ? AND version = ?")) {
            ps.setString(1, skillId);
            ps.setInt(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Taxonomy t = nodes(
                        c,
                        skillId,
                        new TaxonomyNode(rs.getString(1), rs.getString(2), 1.0, true),
                        "taxonomy_version_node WHERE skill_id = ? AND version = ?",
                        number);
                return Optional.of(
                        new TaxonomyVersion(skillId, number, rs.getTimestamp(4).toInstant(), rs.getString(3), t));
            }
        }
    }

    /** Adds the rows under {@code parent}; with a {@code version} (not -1) it is the second column. */
    private static void insertChildren(
            PreparedStatement ps, String skillId, TaxonomyNode parent, int parentPosition, int[] next, int version)
            throws SQLException {
        int k = version == -1 ? 0 : 1;
        for (TaxonomyNode child : parent.children()) {
            int position = next[0]++;
            ps.setString(1, skillId);
            if (version != -1) {
                ps.setInt(2, version);
            }
            ps.setInt(2 + k, position);
            ps.setInt(3 + k, parentPosition); // 0 is the skill (root), which has no row of its own
            ps.setString(4 + k, child.name());
            ps.setString(5 + k, child.description());
            ps.setDouble(6 + k, child.weight());
            ps.setBoolean(7 + k, child.enabled());
            ps.addBatch();
            insertChildren(ps, skillId, child, position, next, version);
        }
    }

    public boolean delete(String skillId) {
        return store.write(c -> {
            store.announce(StoreChange.Kind.TAXONOMY, 0);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM skill WHERE id = ?")) {
                ps.setString(1, skillId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
