package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.ResponseOrigin;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.provenance.AgentCall;

/** The arena's instructions, their datasets, models and responses (decision 0010). */
public final class ArenaRepository {
    private static final String INSTRUCTION_COLUMNS =
            "i.id, i.prompt, i.turns, i.category, i.reference, i.run_instruction_id, i.created_at";
    private static final String RESPONSE_COLUMNS = "r.id, r.instruction_id, m.name AS model, r.text, r.origin,"
            + " r.external_id, r.derived_from, r.endpoint, r.agent, r.prompt_version, r.call_id, r.author,"
            + " r.created_at";

    private final Store store;

    public ArenaRepository(Store store) {
        this.store = store;
    }

    /** One instruction of an import, with the id its file gave it and the responses it carried. */
    public record Item(ArenaInstruction instruction, String externalId, List<ItemResponse> responses) {
        public Item {
            responses = List.copyOf(responses);
        }
    }

    /** A response a file carried: the model that gave it, its text, the file's id for it (or null). */
    public record ItemResponse(String model, String text, String externalId) {}

    /** What one {@link #add} stored: only what was new counts. */
    public record Added(int instructions, int responses, List<Long> instructionIds) {}

    /**
     * Stores a batch of items in one transaction under the dataset (made when it does not exist): instructions
     * and responses already stored are found, not stored again, so importing a file twice adds nothing.
     * {@code instructionIds} has each item's instruction id, in order.
     */
    public Added add(String dataset, String format, List<Item> items) {
        return store.write(c -> {
            long datasetId = datasetId(c, dataset, format);
            int newInstructions = 0;
            int newResponses = 0;
            List<Long> ids = new ArrayList<>(items.size());
            Map<String, Long> models = new HashMap<>();
            for (Item item : items) {
                long[] found = instructionId(c, item.instruction());
                newInstructions += (int) found[1];
                long id = found[0];
                ids.add(id);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO arena_dataset_item"
                        + " (dataset_id, instruction_id, external_id) SELECT ?, ?, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM arena_dataset_item WHERE dataset_id = ? AND instruction_id = ?)")) {
                    ps.setLong(1, datasetId);
                    ps.setLong(2, id);
                    ps.setString(3, item.externalId());
                    ps.setLong(4, datasetId);
                    ps.setLong(5, id);
                    ps.executeUpdate();
                }
                for (ItemResponse r : item.responses()) {
                    long model = models.computeIfAbsent(r.model(), name -> unchecked(() -> modelId(c, name)));
                    ArenaResponse response = ArenaResponse.imported(id, r.model(), r.text(), r.externalId());
                    long[] stored = responseId(c, response, model);
                    newResponses += (int) stored[1];
                    if (stored[1] == 1) {
                        BattleRepository.fillImportedAnswer(c, id, model, stored[0]);
                    }
                }
                if (item.externalId() != null) {
                    // judgments imported before their questions wait for this id
                    BattleRepository.attachAwaiting(c, item.externalId(), id);
                }
            }
            return new Added(newInstructions, newResponses, ids);
        });
    }

    /**
     * Takes run instructions' final texts in, in one transaction: each text (carrying its run instruction) is found
     * by its content or stored, and becomes the one text {@code run:ID} selects for its run instruction. The links of
     * the run's (every run's, for a null run) other run instructions go: those rejected or left without a text since
     * the last take-in are selected no more. Older texts stay stored. Returns each text's arena id, in order.
     */
    public List<Long> takeRunInstructions(Long runId, List<ArenaInstruction> finalTexts) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    runId == null
                            ? "DELETE FROM arena_run_instruction"
                            : "DELETE FROM arena_run_instruction WHERE run_instruction_id IN"
                                    + " (SELECT id FROM instruction WHERE run_id = ?)")) {
                if (runId != null) {
                    ps.setLong(1, runId);
                }
                ps.executeUpdate();
            }
            List<Long> ids = new ArrayList<>(finalTexts.size());
            try (PreparedStatement link = c.prepareStatement(
                    "INSERT INTO arena_run_instruction (run_instruction_id, instruction_id) VALUES (?, ?)")) {
                for (ArenaInstruction i : finalTexts) {
                    long id = instructionId(c, i)[0];
                    ids.add(id);
                    link.setLong(1, Objects.requireNonNull(i.runInstructionId(), "a run instruction's text"));
                    link.setLong(2, id);
                    link.addBatch();
                }
                link.executeBatch();
            }
            return ids;
        });
    }

    /** Stores a response unless the same model gave the same text to that instruction; returns its id either way. */
    public long addResponse(ArenaResponse response) {
        return store.write(c -> responseId(c, response, modelId(c, response.model()))[0]);
    }

    /**
     * Stores responses to stored instructions in one transaction; one the same model already gave with the same
     * text to the same instruction is not stored again. Returns how many were new.
     */
    public int addResponses(List<ArenaResponse> responses) {
        return store.write(c -> {
            Map<String, Long> models = new HashMap<>();
            int added = 0;
            for (ArenaResponse r : responses) {
                long model = models.computeIfAbsent(r.model(), name -> unchecked(() -> modelId(c, name)));
                long[] stored = responseId(c, r, model);
                added += (int) stored[1];
                if (stored[1] == 1 && r.origin() == ResponseOrigin.IMPORTED) {
                    // an answers file imported after the judgments of those answers
                    BattleRepository.fillImportedAnswer(c, r.instructionId(), model, stored[0]);
                }
            }
            return added;
        });
    }

    /** The model's id, made when the name is new. */
    public long model(String name) {
        return store.write(c -> modelId(c, name));
    }

    public List<String> models() {
        return store.read(c -> Sql.strings(c, "SELECT name FROM arena_model ORDER BY name"));
    }

    public List<ArenaDataset> datasets() {
        return store.read(c -> {
            List<ArenaDataset> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.name, d.format, d.created_at,"
                            + " (SELECT COUNT(*) FROM arena_dataset_item x WHERE x.dataset_id = d.id) AS n,"
                            + " (SELECT COUNT(*) FROM arena_response r JOIN arena_dataset_item x"
                            + " ON x.instruction_id = r.instruction_id WHERE x.dataset_id = d.id) AS m"
                            + " FROM arena_dataset d ORDER BY d.id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ArenaDataset(
                            rs.getLong("id"),
                            rs.getString("name"),
                            rs.getString("format"),
                            rs.getInt("n"),
                            rs.getInt("m"),
                            Sql.instant(rs, "created_at")));
                }
            }
            return out;
        });
    }

    public Optional<ArenaInstruction> instruction(long id) {
        List<ArenaInstruction> found = instructions(InstructionSelection.ids(List.of(id)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The selected instructions with their context, in id order. */
    public List<ArenaInstruction> instructions(InstructionSelection selection) {
        StringBuilder sql = new StringBuilder("SELECT " + INSTRUCTION_COLUMNS + " FROM arena_instruction i");
        List<Object> params = new ArrayList<>();
        // A run's text a hand edit replaced is no longer the run's (nor any dataset's): all and category: leave it
        // out, as run:ID does; it stays in the store with its answers and battles.
        String current = "(i.run_instruction_id IS NULL"
                + " OR EXISTS (SELECT 1 FROM arena_run_instruction l WHERE l.instruction_id = i.id)"
                + " OR EXISTS (SELECT 1 FROM arena_dataset_item x WHERE x.instruction_id = i.id))";
        switch (selection.kind()) {
            case "all" -> sql.append(" WHERE ").append(current);
            case "dataset" -> {
                sql.append(" WHERE i.id IN (SELECT x.instruction_id FROM arena_dataset_item x"
                        + " JOIN arena_dataset d ON d.id = x.dataset_id WHERE d.name = ?)");
                params.add(selection.value());
            }
            case "category" -> {
                sql.append(" WHERE i.category = ? AND ").append(current);
                params.add(selection.value());
            }
            case "run" -> {
                // the current text of each run instruction, whoever stored it first (decision 0010)
                sql.append(" WHERE i.id IN (SELECT l.instruction_id FROM arena_run_instruction l"
                        + " JOIN instruction r ON r.id = l.run_instruction_id WHERE r.run_id = ?)");
                params.add(Long.parseLong(selection.value()));
            }
            case "ids" -> {
                if (selection.ids().isEmpty()) {
                    return List.of();
                }
                sql.append(" WHERE i.id IN (")
                        .append(Sql.placeholders(selection.ids().size()))
                        .append(")");
                params.addAll(selection.ids());
            }
            default -> throw new IllegalArgumentException("unknown selection " + selection.kind());
        }
        sql.append(" ORDER BY i.id");
        return store.read(c -> {
            LinkedHashMap<Long, ArenaInstruction> found = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ArenaInstruction i = readInstruction(rs, List.of());
                        found.put(i.id(), i);
                    }
                }
            }
            Map<Long, List<Message>> contexts = contexts(c, new ArrayList<>(found.keySet()));
            contexts.forEach((id, context) -> found.computeIfPresent(
                    id,
                    (k, i) -> new ArenaInstruction(
                            k, context, i.prompt(), i.category(), i.reference(), i.runInstructionId(), i.createdAt())));
            return new ArrayList<>(found.values());
        });
    }

    /**
     * The first {@code chars} characters of each instruction's prompt, by id: what a list shows of it, without
     * reading prompts of any length or their context.
     */
    public Map<Long, String> promptStarts(List<Long> instructionIds, int chars) {
        Map<Long, String> out = new HashMap<>();
        if (instructionIds.isEmpty()) {
            return out;
        }
        return store.read(c -> {
            for (int from = 0; from < instructionIds.size(); from += 500) {
                List<Long> chunk = instructionIds.subList(from, Math.min(instructionIds.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT id, SUBSTRING(prompt, 1, ?)"
                        + " FROM arena_instruction WHERE id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                    ps.setInt(1, Math.max(1, chars));
                    for (int k = 0; k < chunk.size(); k++) {
                        ps.setLong(k + 2, chunk.get(k));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * The instruction a file's id (Arena-Hard uid, question_id) names in the dataset; the first stored if the
     * dataset gave the id twice.
     */
    public Optional<Long> instructionByExternalId(String dataset, String externalId) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(x.instruction_id) FROM arena_dataset_item x"
                    + " JOIN arena_dataset d ON d.id = x.dataset_id WHERE d.name = ? AND x.external_id = ?")) {
                ps.setString(1, dataset);
                ps.setString(2, externalId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(id);
                }
            }
        });
    }

    /**
     * The instruction a file's id names in each dataset that has it, by dataset name in name order: datasets reuse
     * ids (MT-Bench's question 81 is not another set's 81), so a caller that does not know the dataset must see
     * them all.
     */
    public Map<String, Long> instructionsByExternalId(String externalId) {
        return store.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.name, MIN(x.instruction_id)"
                    + " FROM arena_dataset_item x JOIN arena_dataset d ON d.id = x.dataset_id"
                    + " WHERE x.external_id = ? GROUP BY d.name ORDER BY d.name")) {
                ps.setString(1, externalId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    /** The instruction's responses, oldest first. */
    public List<ArenaResponse> responses(long instructionId) {
        return store.read(c -> readResponses(c, " WHERE r.instruction_id = ? ORDER BY r.id", List.of(instructionId)));
    }

    public Optional<ArenaResponse> response(long id) {
        List<ArenaResponse> found = store.read(c -> readResponses(c, " WHERE r.id = ?", List.of(id)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The responses with these ids, by id (a query per 500). */
    public Map<Long, ArenaResponse> responses(List<Long> ids) {
        return store.read(c -> {
            Map<Long, ArenaResponse> out = new HashMap<>();
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                List<Object> params = new ArrayList<>(chunk);
                for (ArenaResponse r :
                        readResponses(c, " WHERE r.id IN (" + Sql.placeholders(chunk.size()) + ")", params)) {
                    out.put(r.id(), r);
                }
            }
            return out;
        });
    }

    /**
     * The run instructions whose current final text each of these arena instructions is (the link a take-in keeps,
     * decision 0010), in id order; instructions no run instruction links are absent.
     */
    public Map<Long, List<Long>> runLinks(List<Long> instructionIds) {
        return store.read(c -> {
            Map<Long, List<Long>> out = new HashMap<>();
            for (int from = 0; from < instructionIds.size(); from += 500) {
                List<Long> chunk = instructionIds.subList(from, Math.min(instructionIds.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT instruction_id, run_instruction_id"
                        + " FROM arena_run_instruction WHERE instruction_id IN (" + Sql.placeholders(chunk.size())
                        + ") ORDER BY run_instruction_id")) {
                    Sql.bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                    .add(rs.getLong(2));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** A dataset an instruction belongs to, with the id that dataset's file gave it (null if none). */
    public record Membership(String dataset, String externalId) {}

    /** The datasets each of the instructions belongs to, by dataset name; instructions of none are absent. */
    public Map<Long, List<Membership>> memberships(List<Long> instructionIds) {
        return store.read(c -> {
            Map<Long, List<Membership>> out = new HashMap<>();
            for (int from = 0; from < instructionIds.size(); from += 500) {
                List<Long> chunk = instructionIds.subList(from, Math.min(instructionIds.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT x.instruction_id, d.name, x.external_id"
                        + " FROM arena_dataset_item x JOIN arena_dataset d ON d.id = x.dataset_id"
                        + " WHERE x.instruction_id IN (" + Sql.placeholders(chunk.size()) + ") ORDER BY d.name")) {
                    Sql.bind(ps, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                    .add(new Membership(rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * For each of the instructions, the first response of each model that is not an edit nor asked with a changed
     * answerer prompt (the one battles use), by model name.
     */
    public Map<Long, Map<String, Long>> firstResponses(List<Long> instructionIds) {
        return firstResponses(instructionIds, null, 0);
    }

    /**
     * As {@link #firstResponses(List)}, limited to the responses asked with one agent's prompt version (decision
     * 0019: an answer asked with a changed answerer prompt); a null agent: the plain answers (none asked with a
     * changed answerer prompt).
     */
    public Map<Long, Map<String, Long>> firstResponses(List<Long> instructionIds, String agent, int promptVersion) {
        Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
        if (instructionIds.isEmpty()) {
            return out;
        }
        return store.read(c -> {
            for (int from = 0; from < instructionIds.size(); from += 500) {
                List<Long> chunk = instructionIds.subList(from, Math.min(instructionIds.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT r.instruction_id, m.name, MIN(r.id)"
                        + " FROM arena_response r JOIN arena_model m ON m.id = r.model_id"
                        + " WHERE r.derived_from IS NULL AND r.instruction_id IN (" + Sql.placeholders(chunk.size())
                        + ")" + versionCondition(agent)
                        + " GROUP BY r.instruction_id, m.name ORDER BY r.instruction_id, m.name")) {
                    Sql.bind(ps, withAgent(chunk, agent, promptVersion));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                                    .put(rs.getString(2), rs.getLong(3));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** The agent answers are recorded under ({@code AnswerPrompts.AGENT}). */
    private static final String ANSWER_AGENT = "answer";

    /**
     * The condition on {@code arena_response r} for one agent's prompt version; without an agent, the model's plain
     * answers: every response but those asked with a changed answerer prompt (decision 0019), which are not what
     * the model says to the instruction as it is.
     */
    private static String versionCondition(String agent) {
        return agent == null
                ? " AND (COALESCE(r.agent, '') <> ? OR COALESCE(r.prompt_version, 0) = 0)"
                : " AND r.agent = ? AND r.prompt_version = ?";
    }

    private static List<Object> withAgent(List<Long> ids, String agent, int promptVersion) {
        List<Object> params = new ArrayList<>(ids);
        if (agent != null) {
            params.add(agent);
            params.add(promptVersion);
        } else {
            params.add(ANSWER_AGENT);
        }
        return params;
    }

    /**
     * For each of the instructions, how many responses each model gave (edits by people, and answers asked with a
     * changed answerer prompt, not counted).
     */
    public Map<Long, Map<String, Integer>> responseCounts(List<Long> instructionIds) {
        return responseCounts(instructionIds, null, 0);
    }

    /**
     * As {@link #responseCounts(List)}, counting only the responses asked with one agent's prompt version; a null
     * agent counts the plain answers (none asked with a changed answerer prompt).
     */
    public Map<Long, Map<String, Integer>> responseCounts(List<Long> instructionIds, String agent, int promptVersion) {
        Map<Long, Map<String, Integer>> out = new LinkedHashMap<>();
        return store.read(c -> {
            for (int from = 0; from < instructionIds.size(); from += 500) {
                List<Long> chunk = instructionIds.subList(from, Math.min(instructionIds.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT r.instruction_id, m.name, COUNT(*)"
                        + " FROM arena_response r JOIN arena_model m ON m.id = r.model_id"
                        + " WHERE r.derived_from IS NULL AND r.instruction_id IN (" + Sql.placeholders(chunk.size())
                        + ")" + versionCondition(agent)
                        + " GROUP BY r.instruction_id, m.name")) {
                    Sql.bind(ps, withAgent(chunk, agent, promptVersion));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                                    .put(rs.getString(2), rs.getInt(3));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Whether the model has answered the instruction (an edit by a person does not count). */
    public boolean answered(long instructionId, String model) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM arena_response r JOIN arena_model m"
                    + " ON m.id = r.model_id WHERE r.instruction_id = ? AND m.name = ? AND r.derived_from IS NULL")) {
                ps.setLong(1, instructionId);
                ps.setString(2, model);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    // --- within a transaction ---

    private static long datasetId(Connection c, String name, String format) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM arena_dataset WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO arena_dataset (name, format, created_at) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, format);
            ps.setTimestamp(3, Sql.now());
            ps.executeUpdate();
            return Sql.generatedKey(ps);
        }
    }

    /** The model's id, made when the name is new (also for battles naming models no response has). */
    static long modelId(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM arena_model WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO arena_model (name, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setTimestamp(2, Sql.now());
            ps.executeUpdate();
            return Sql.generatedKey(ps);
        }
    }

    /** {id, 1 if it was stored now else 0}. */
    private static long[] instructionId(Connection c, ArenaInstruction instruction) throws SQLException {
        String hash = instruction.contentHash();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM arena_instruction WHERE content_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new long[] {rs.getLong(1), 0};
                }
            }
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO arena_instruction (content_hash, prompt, turns, category, reference,"
                        + " run_instruction_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, hash);
            ps.setString(2, instruction.prompt());
            ps.setInt(3, instruction.turns());
            ps.setString(4, instruction.category());
            ps.setString(5, instruction.reference());
            Sql.setNullable(ps, 6, instruction.runInstructionId(), Types.BIGINT);
            ps.setTimestamp(7, Sql.now());
            ps.executeUpdate();
            id = Sql.generatedKey(ps);
        }
        if (instruction.context().isEmpty()) {
            return new long[] {id, 1};
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO arena_turn (instruction_id, position, role, content) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (Message m : instruction.context()) {
                ps.setLong(1, id);
                ps.setInt(2, position++);
                ps.setString(3, m.role().name());
                ps.setString(4, m.content());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new long[] {id, 1};
    }

    /** {id, 1 if it was stored now else 0}. */
    private static long[] responseId(Connection c, ArenaResponse r, long modelId) throws SQLException {
        String hash = r.contentHash();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM arena_response" + " WHERE instruction_id = ? AND model_id = ? AND content_hash = ?")) {
            ps.setLong(1, r.instructionId());
            ps.setLong(2, modelId);
            ps.setString(3, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new long[] {rs.getLong(1), 0};
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO arena_response (instruction_id, model_id, content_hash, text, origin, external_id,"
                        + " derived_from, endpoint, agent, prompt_version, call_id, author, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            AgentCall call = r.call();
            ps.setLong(1, r.instructionId());
            ps.setLong(2, modelId);
            ps.setString(3, hash);
            ps.setString(4, r.text());
            ps.setString(5, r.origin().id());
            ps.setString(6, r.externalId());
            Sql.setNullable(ps, 7, r.derivedFrom(), Types.BIGINT);
            ps.setString(8, call.endpoint());
            ps.setString(9, call.agent());
            Sql.setNullable(ps, 10, call.present() ? call.promptVersion() : null, Types.INTEGER);
            Sql.setNullable(ps, 11, call.called() ? call.callId() : null, Types.BIGINT);
            ps.setString(12, r.author());
            ps.setTimestamp(13, r.createdAt() == null ? Sql.now() : Timestamp.from(r.createdAt()));
            ps.executeUpdate();
            return new long[] {Sql.generatedKey(ps), 1};
        }
    }

    /** The context of those of the instructions that have one, a query per 500. */
    private static Map<Long, List<Message>> contexts(Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<Message>> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT instruction_id, role, content FROM arena_turn"
                    + " WHERE instruction_id IN (" + Sql.placeholders(chunk.size()) + ")"
                    + " ORDER BY instruction_id, position")) {
                Sql.bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new Message(Message.Role.valueOf(rs.getString(2)), rs.getString(3)));
                    }
                }
            }
        }
        return out;
    }

    private static ArenaInstruction readInstruction(ResultSet rs, List<Message> context) throws SQLException {
        long run = rs.getLong("run_instruction_id");
        Long runInstruction = rs.wasNull() ? null : run;
        return new ArenaInstruction(
                rs.getLong("id"),
                context,
                rs.getString("prompt"),
                rs.getString("category"),
                rs.getString("reference"),
                runInstruction,
                Sql.instant(rs, "created_at"));
    }

    private static List<ArenaResponse> readResponses(Connection c, String where, List<Object> params)
            throws SQLException {
        List<ArenaResponse> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RESPONSE_COLUMNS
                + " FROM arena_response r JOIN arena_model m ON m.id = r.model_id" + where)) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long derived = rs.getLong("derived_from");
                    Long derivedFrom = rs.wasNull() ? null : derived;
                    String agent = rs.getString("agent");
                    AgentCall call = agent == null
                            ? AgentCall.NONE
                            : new AgentCall(
                                    agent,
                                    Sql.intOrZero(rs, "prompt_version"),
                                    Sql.longOrZero(rs, "call_id"),
                                    rs.getString("endpoint"),
                                    rs.getString("model"));
                    out.add(new ArenaResponse(
                            rs.getLong("id"),
                            rs.getLong("instruction_id"),
                            rs.getString("model"),
                            rs.getString("text"),
                            ResponseOrigin.of(rs.getString("origin")),
                            rs.getString("external_id"),
                            derivedFrom,
                            call,
                            rs.getString("author"),
                            Sql.instant(rs, "created_at")));
                }
            }
        }
        return out;
    }

    private interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    private static <T> T unchecked(SqlSupplier<T> work) {
        try {
            return work.get();
        } catch (SQLException e) {
            throw new StoreException("writing to the store failed: " + e.getMessage(), e);
        }
    }
}
