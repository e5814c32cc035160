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

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;

/** Skills and their taxonomy trees. A save replaces a skill's whole tree in one transaction. */
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
        TaxonomyNode root;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, description FROM skill WHERE id = ?")) {
            ps.setString(1, skillId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                root = new TaxonomyNode(rs.getString(1), rs.getString(2), 1.0, true);
            }
        }
        Map<Integer, TaxonomyNode> byPosition = new HashMap<>();
        byPosition.put(0, root);
        try (PreparedStatement ps = c.prepareStatement("SELECT position, parent_position, name, description, weight,"
                + " enabled FROM taxonomy_node WHERE skill_id = ? ORDER BY position")) {
            ps.setString(1, skillId);
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
        return Optional.of(new Taxonomy(skillId, root));
    }

    /** Stores the taxonomy, replacing any earlier version of the same skill. */
    public void save(Taxonomy taxonomy) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO skill (id, name, description, updated_at) KEY (id) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, taxonomy.skillId());
                ps.setString(2, taxonomy.name());
                ps.setString(3, taxonomy.description());
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM taxonomy_node WHERE skill_id = ?")) {
                ps.setString(1, taxonomy.skillId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO taxonomy_node (skill_id, position,"
                    + " parent_position, name, description, weight, enabled) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int[] next = {1};
                insertChildren(ps, taxonomy.skillId(), taxonomy.root(), 0, next);
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void insertChildren(
            PreparedStatement ps, String skillId, TaxonomyNode parent, int parentPosition, int[] next)
            throws SQLException {
        for (TaxonomyNode child : parent.children()) {
            int position = next[0]++;
            ps.setString(1, skillId);
            ps.setInt(2, position);
            ps.setInt(3, parentPosition); // 0 is the skill (root), which has no row of its own
            ps.setString(4, child.name());
            ps.setString(5, child.description());
            ps.setDouble(6, child.weight());
            ps.setBoolean(7, child.enabled());
            ps.addBatch();
            insertChildren(ps, skillId, child, position, next);
        }
    }

    public boolean delete(String skillId) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM skill WHERE id = ?")) {
                ps.setString(1, skillId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
