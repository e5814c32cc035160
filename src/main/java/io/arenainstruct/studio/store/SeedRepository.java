package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.SeedSnapshot;

/** Seeds and their tags. */
public final class SeedRepository {
    private static final String COLUMNS =
            "s.id, s.name, s.source, s.kind, s.language, s.chars, s.sha256, s.imported_at";
    private static final String CONTENT = "COALESCE(x.content, x.content_large)";
    private static final String WITH_TEXT = " FROM seed s JOIN seed_text x ON x.seed_id = s.id";
    /** Longest text kept in the VARCHAR column (H2's VARCHAR limit); longer text is a LOB. */
    static final int INLINE_CHARS = 1_000_000;

    private final Store store;

    public SeedRepository(Store store) {
        this.store = store;
    }

    /** What {@link #insertNew} did with a batch. */
    public record InsertOutcome(int inserted, List<NewSeed> duplicates) {}

    /**
     * Stores the seeds whose text is not stored yet, in one transaction. A seed whose SHA-256 is already
     * present (or repeats earlier in the batch) is returned as a duplicate and changes nothing.
     */
    public InsertOutcome insertNew(List<NewSeed> batch) {
        if (batch.isEmpty()) {
            return new InsertOutcome(0, List.of());
        }
        return store.write(c -> {
            Set<String> existing =
                    existingHashes(c, batch.stream().map(NewSeed::sha256).toList());
            List<NewSeed> duplicates = new ArrayList<>();
            List<NewSeed> fresh = new ArrayList<>();
            for (NewSeed s : batch) {
                if (existing.add(s.sha256())) {
                    fresh.add(s);
                } else {
                    duplicates.add(s);
                }
            }
            Timestamp now = Timestamp.from(Instant.now());
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO seed (name, source, kind, language, chars, sha256, imported_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (NewSeed s : fresh) {
                    ps.setString(1, truncate(s.name(), 1000));
                    ps.setString(2, truncate(s.source(), 4000));
                    ps.setString(3, s.kind().name());
                    ps.setString(4, s.language());
                    ps.setInt(5, s.chars());
                    ps.setString(6, s.sha256());
                    ps.setTimestamp(7, now);
                    ps.addBatch();
                }
                ps.executeBatch();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
            }
            insertTexts(c, ids, fresh.stream().map(NewSeed::content).toList());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO seed_tag (seed_id, tag) VALUES (?, ?)")) {
                for (int i = 0; i < fresh.size(); i++) {
                    for (String tag : fresh.get(i).tags()) {
                        ps.setLong(1, ids.get(i));
                        ps.setString(2, tag);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            return new InsertOutcome(fresh.size(), duplicates);
        });
    }

    /** Stores each text in the VARCHAR column, or in the LOB column when it is too long for it. */
    private static void insertTexts(Connection c, List<Long> ids, List<String> texts) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO seed_text (seed_id, content, content_large) VALUES (?, ?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                String text = texts.get(i);
                boolean inline = text.length() <= INLINE_CHARS;
                ps.setLong(1, ids.get(i));
                ps.setString(2, inline ? text : null);
                ps.setString(3, inline ? null : text);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Set<String> existingHashes(Connection c, List<String> hashes) throws SQLException {
        Set<String> found = new HashSet<>();
        // An explicit IN list uses the unique index; "= ANY(array)" scans the table.
        try (PreparedStatement ps =
                c.prepareStatement("SELECT sha256 FROM seed WHERE sha256 IN (" + placeholders(hashes.size()) + ")")) {
            for (int i = 0; i < hashes.size(); i++) {
                ps.setString(i + 1, hashes.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** Seeds matching the filter, in import order; their text is not loaded. */
    public List<Seed> list(SeedFilter filter) {
        boolean searchText = !filter.text().isBlank();
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + (searchText ? WITH_TEXT : " FROM seed s") + " WHERE 1=1");
        List<Object> params = new ArrayList<>();
        for (String word : filter.text().split("\\s+")) {
            if (!word.isEmpty()) {
                String pattern = "%" + escapeLike(word.toLowerCase(Locale.ROOT)) + "%";
                sql.append(" AND (LOWER(s.name) LIKE ? ESCAPE '\\' OR LOWER(x.content) LIKE ? ESCAPE '\\'"
                        + " OR LOWER(x.content_large) LIKE ? ESCAPE '\\')");
                params.add(pattern);
                params.add(pattern);
                params.add(pattern);
            }
        }
        if (!filter.tag().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM seed_tag t WHERE t.seed_id = s.id AND t.tag = ?)");
            params.add(filter.tag());
        }
        sql.append(" ORDER BY s.id");
        return select(sql.toString(), params);
    }

    /**
     * The seeds no run has transformed: no passage of any run was made from them (a transformation that failed made
     * nothing, so it does not count), in import order; their text is not loaded. NOT IN an uncorrelated subquery:
     * H2 reads the passages once, where NOT EXISTS walked them again for every seed (no index leads with seed_id).
     */
    public List<Seed> listUnused() {
        return select(
                "SELECT " + COLUMNS + " FROM seed s WHERE s.id NOT IN (SELECT p.seed_id FROM run_passage p"
                        + " WHERE NOT p.failed) ORDER BY s.id",
                List.of());
    }

    private List<Seed> select(String query, List<Object> params) {
        return store.read(c -> {
            LinkedHashMap<Long, Seed> seeds = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(query)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Seed s = readSeed(rs, List.of());
                        seeds.put(s.id(), s);
                    }
                }
            }
            Map<Long, List<String>> tags = tagsOf(c, seeds.size() > 500 ? null : seeds.keySet());
            List<Seed> out = new ArrayList<>(seeds.size());
            for (Seed s : seeds.values()) {
                out.add(s.withTags(tags.getOrDefault(s.id(), List.of())));
            }
            return out;
        });
    }

    public Optional<Seed> find(long id) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM seed s WHERE s.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(readSeed(rs, tagsOf(c, List.of(id)).getOrDefault(id, List.of())));
                }
            }
        });
    }

    /** The seed's full text, or empty when it was deleted meanwhile. */
    public Optional<String> content(long id) {
        return store.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + CONTENT + " FROM seed_text x WHERE x.seed_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public int count() {
        return store.read(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM seed")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Every tag in use, alphabetically. */
    public List<String> allTags() {
        return store.read(c -> {
            List<String> tags = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT DISTINCT tag FROM seed_tag ORDER BY tag")) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
            return tags;
        });
    }

    /** Replaces the tags of the given seeds. */
    public void setTags(Map<Long, List<String>> tagsById) {
        store.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM seed_tag WHERE seed_id = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO seed_tag (seed_id, tag) VALUES (?, ?)")) {
                for (Map.Entry<Long, List<String>> e : tagsById.entrySet()) {
                    del.setLong(1, e.getKey());
                    del.executeUpdate();
                    for (String tag : e.getValue()) {
                        ins.setLong(1, e.getKey());
                        ins.setString(2, tag);
                        ins.addBatch();
                    }
                }
                ins.executeBatch();
            }
            return null;
        });
    }

    /** Deletes the seeds and returns what was deleted, with text, so it can be restored. */
    public List<SeedSnapshot> delete(Collection<Long> ids) {
        return store.write(c -> {
            List<SeedSnapshot> snapshots = new ArrayList<>();
            Map<Long, List<String>> tags = tagsOf(c, ids);
            try (PreparedStatement sel = c.prepareStatement(
                            "SELECT " + COLUMNS + ", " + CONTENT + " AS full_text" + WITH_TEXT + " WHERE s.id = ?");
                    PreparedStatement del = c.prepareStatement("DELETE FROM seed WHERE id = ?")) {
                for (long id : ids) {
                    sel.setLong(1, id);
                    try (ResultSet rs = sel.executeQuery()) {
                        if (rs.next()) {
                            snapshots.add(new SeedSnapshot(
                                    readSeed(rs, tags.getOrDefault(id, List.of())), rs.getString("full_text")));
                        }
                    }
                    del.setLong(1, id);
                    del.addBatch();
                }
                del.executeBatch();
            }
            return snapshots;
        });
    }

    /** Puts deleted seeds back with their ids, tags and import times (undo of {@link #delete}). */
    public void restore(List<SeedSnapshot> snapshots) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO seed (id, name, source, kind, language, chars, sha256, imported_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement tag = c.prepareStatement("INSERT INTO seed_tag (seed_id, tag) VALUES (?, ?)")) {
                for (SeedSnapshot snap : snapshots) {
                    Seed s = snap.seed();
                    ps.setLong(1, s.id());
                    ps.setString(2, s.name());
                    ps.setString(3, s.source());
                    ps.setString(4, s.kind().name());
                    ps.setString(5, s.language());
                    ps.setInt(6, s.chars());
                    ps.setString(7, s.sha256());
                    ps.setTimestamp(8, Timestamp.from(s.importedAt()));
                    ps.addBatch();
                    for (String t : s.tags()) {
                        tag.setLong(1, s.id());
                        tag.setString(2, t);
                        tag.addBatch();
                    }
                }
                ps.executeBatch();
                tag.executeBatch();
            }
            insertTexts(
                    c,
                    snapshots.stream().map(snap -> snap.seed().id()).toList(),
                    snapshots.stream().map(SeedSnapshot::content).toList());
            return null;
        });
    }

    /** Tags by seed id; {@code ids == null} reads all tags (cheaper than a long IN list). */
    private static Map<Long, List<String>> tagsOf(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, List<String>> tags = new HashMap<>();
        if (ids != null && ids.isEmpty()) {
            return tags;
        }
        String sql = ids == null
                ? "SELECT seed_id, tag FROM seed_tag ORDER BY seed_id, tag"
                : "SELECT seed_id, tag FROM seed_tag WHERE seed_id IN (" + placeholders(ids.size())
                        + ") ORDER BY seed_id, tag";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (ids != null) {
                int i = 1;
                for (long id : ids) {
                    ps.setLong(i++, id);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return tags;
    }

    private static Seed readSeed(ResultSet rs, List<String> tags) throws SQLException {
        return new Seed(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("source"),
                SeedKind.valueOf(rs.getString("kind")),
                rs.getString("language"),
                tags,
                rs.getInt("chars"),
                rs.getString("sha256").strip(),
                rs.getTimestamp("imported_at").toInstant());
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
