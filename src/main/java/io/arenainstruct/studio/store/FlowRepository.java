package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;

/** Flow definitions, agents' prompt versions and per-agent settings. */
public final class FlowRepository {
    private final Store store;

    public FlowRepository(Store store) {
        this.store = store;
    }

    /** The settings a curator gave an agent (null fields: the flow file's). */
    public record AgentSetting(String endpoint, Double temperature, Integer maxTokens) {}

    /**
     * Stores a flow that is not in the store yet, with version 1 of each agent's prompt, in one transaction.
     * Returns false (and changes nothing) when the skill already has a flow.
     */
    public boolean install(String skill, String definition, Map<String, Prompt> promptsByAgentKey) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM flow WHERE skill = ?")) {
                ps.setString(1, skill);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO flow (skill, definition, updated_at) VALUES (?, ?, ?)")) {
                ps.setString(1, skill);
                ps.setString(2, definition);
                ps.setTimestamp(3, Sql.now());
                ps.executeUpdate();
            }
            for (Map.Entry<String, Prompt> e : promptsByAgentKey.entrySet()) {
                if (latestVersion(c, e.getKey()) == 0) {
                    insertVersion(c, e.getKey(), 1, e.getValue(), "shipped");
                }
            }
            return true;
        });
    }

    /**
     * Replaces a stored flow by a file's, in one transaction: the definition, a new version for each changed
     * prompt (with {@code note}), and the curator's settings of the flow and its agents are dropped (the file
     * says what they are now). Returns the number of new prompt versions.
     */
    public int replace(String skill, String definition, Map<String, Prompt> promptsByAgentKey, String note) {
        return store.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE flow SET definition = ?, updated_at = ? WHERE skill = ?")) {
                ps.setString(1, definition);
                ps.setTimestamp(2, Sql.now());
                ps.setString(3, skill);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("no stored flow for " + skill);
                }
            }
            int added = 0;
            for (Map.Entry<String, Prompt> e : promptsByAgentKey.entrySet()) {
                int latest = latestVersion(c, e.getKey());
                if (latest == 0 || !latestPrompt(c, e.getKey(), latest).equals(e.getValue())) {
                    insertVersion(c, e.getKey(), latest + 1, e.getValue(), latest == 0 ? "shipped" : note);
                    added++;
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_setting WHERE agent_key = ?")) {
                    ps.setString(1, e.getKey());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM flow_setting WHERE skill = ?")) {
                ps.setString(1, skill);
                ps.executeUpdate();
            }
            return added;
        });
    }

    private static Prompt latestPrompt(Connection c, String agentKey, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT system_text, user_text FROM prompt_version WHERE agent_key = ? AND version = ?")) {
            ps.setString(1, agentKey);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Prompt(rs.getString(1), rs.getString(2));
            }
        }
    }

    /** Every stored flow definition by skill. */
    public Map<String, String> definitions() {
        return store.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT skill, definition FROM flow ORDER BY skill");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    public Optional<String> definition(String skill) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM flow WHERE skill = ?")) {
                ps.setString(1, skill);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The newest prompt version of every agent, by agent key. */
    public Map<String, PromptVersion> latestVersions() {
        return store.read(c -> {
            Map<String, PromptVersion> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.* FROM prompt_version p JOIN (SELECT agent_key,"
                            + " MAX(version) v FROM prompt_version GROUP BY agent_key) m ON p.agent_key = m.agent_key"
                            + " AND p.version = m.v");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PromptVersion v = read(rs);
                    out.put(v.agentKey(), v);
                }
            }
            return out;
        });
    }

    /** All versions of an agent's prompt, oldest first. */
    public List<PromptVersion> history(String agentKey) {
        return store.read(c -> {
            List<PromptVersion> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT * FROM prompt_version WHERE agent_key = ? ORDER BY version")) {
                ps.setString(1, agentKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Saves a new version (the next number) and returns it. */
    public PromptVersion addVersion(String agentKey, Prompt prompt, String note) {
        return store.write(c -> {
            int next = latestVersion(c, agentKey) + 1;
            insertVersion(c, agentKey, next, prompt, note);
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT * FROM prompt_version WHERE agent_key = ? AND version = ?")) {
                ps.setString(1, agentKey);
                ps.setInt(2, next);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return read(rs);
                }
            }
        });
    }

    public Map<String, AgentSetting> agentSettings() {
        return store.read(c -> {
            Map<String, AgentSetting> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM agent_setting");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getString("agent_key"),
                            new AgentSetting(
                                    rs.getString("endpoint"),
                                    rs.getObject("temperature", Double.class),
                                    Sql.intOrNull(rs, "max_tokens")));
                }
            }
            return out;
        });
    }

    public void saveAgentSetting(String agentKey, AgentSetting setting) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                    store.dialect(), "agent_setting", "agent_key, endpoint, temperature, max_tokens", "agent_key"))) {
                ps.setString(1, agentKey);
                ps.setString(2, setting.endpoint());
                Sql.setNullable(ps, 3, setting.temperature(), Types.DOUBLE);
                Sql.setNullable(ps, 4, setting.maxTokens(), Types.INTEGER);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A flow's refinement as the curator set it: rounds and goals (null: the flow file's). */
    public record FlowSetting(Integer rounds, List<String> goals) {}

    public Map<String, FlowSetting> flowSettings() {
        return store.read(c -> {
            Map<String, FlowSetting> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT skill, rounds, goals FROM flow_setting");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String goals = rs.getString("goals");
                    out.put(
                            rs.getString("skill"),
                            new FlowSetting(
                                    Sql.intOrNull(rs, "rounds"), goals == null ? null : List.of(goals.split("\n"))));
                }
            }
            return out;
        });
    }

    public void saveFlowSetting(String skill, FlowSetting setting) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    Sql.upsert(store.dialect(), "flow_setting", "skill, rounds, goals, updated_at", "skill"))) {
                ps.setString(1, skill);
                Sql.setNullable(ps, 2, setting.rounds(), Types.INTEGER);
                ps.setString(3, setting.goals() == null ? null : String.join("\n", setting.goals()));
                ps.setTimestamp(4, Sql.now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static int latestVersion(Connection c, String agentKey) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM prompt_version WHERE agent_key = ?")) {
            ps.setString(1, agentKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void insertVersion(Connection c, String agentKey, int version, Prompt prompt, String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO prompt_version (agent_key, version, system_text,"
                + " user_text, created_at, note) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, agentKey);
            ps.setInt(2, version);
            ps.setString(3, prompt.system());
            ps.setString(4, prompt.user());
            ps.setTimestamp(5, Sql.now());
            ps.setString(6, note);
            ps.executeUpdate();
        }
    }

    private static PromptVersion read(ResultSet rs) throws SQLException {
        return new PromptVersion(
                rs.getString("agent_key"),
                rs.getInt("version"),
                new Prompt(rs.getString("system_text"), rs.getString("user_text")),
                Sql.instant(rs, "created_at"),
                rs.getString("note"));
    }
}
