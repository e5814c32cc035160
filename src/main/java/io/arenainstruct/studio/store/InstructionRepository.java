package io.arenainstruct.studio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.arenainstruct.studio.domain.StoreChange;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.CuratorReview;
import io.arenainstruct.studio.domain.run.FailureReason;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionCounts;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.domain.run.Stage;

/** Generated instructions, their refinement rounds, the curator's reviews and hand edits. */
public final class InstructionRepository {
    private static final int START_CHARS = 240;
    /**
     * How the final instruction starts, as InstructionService.finalText decides it: the newest hand edit of the
     * instruction (of any round), else the accepted round (0 is the generated text), else the last round.
     */
    private static final String FINAL_START = "COALESCE("
            + "(SELECT LEFT(h.text, " + START_CHARS + ") FROM human_edit h WHERE h.instruction_id = instruction.id"
            + " AND (h.target = 'instruction' OR h.target LIKE 'round.%.edited') ORDER BY h.id DESC LIMIT 1),"
            + " CASE WHEN review = 'accepted' AND accepted_round = 0 THEN LEFT(generated, " + START_CHARS + ")"
            + " WHEN review = 'accepted' THEN (SELECT LEFT(r.edited, " + START_CHARS + ") FROM instruction_round r"
            + " WHERE r.instruction_id = instruction.id AND r.round = instruction.accepted_round) END,"
            + " LEFT(instruction, " + START_CHARS + "))";

    private final Store store;

    public InstructionRepository(Store store) {
        this.store = store;
    }

    /**
     * Writes an instruction's model-side fields (everything but the review) and its rounds, in one transaction;
     * a new instruction (id 0) gets its id. Rounds are only ever added or completed, never removed.
     */
    public Instruction save(Instruction i) {
        return store.write(c -> {
            store.announce(StoreChange.Kind.RUN, i.runId());
            long id = i.id();
            if (id == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO instruction (run_id, skill, seed_id,"
                                + " passage_id, slot, category, subcategory, rounds_planned, status, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, i.runId());
                    ps.setString(2, i.skill());
                    ps.setLong(3, i.seedId());
                    ps.setLong(4, i.passageId());
                    ps.setInt(5, i.slot());
                    ps.setString(6, i.category());
                    ps.setString(7, i.subcategory());
                    ps.setInt(8, i.roundsPlanned());
                    ps.setString(9, i.status().id());
                    ps.setTimestamp(10, Timestamp.from(i.createdAt() == null ? Instant.now() : i.createdAt()));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE instruction SET generator_agent = ?,"
                    + " generator_version = ?, generation_call_id = ?, endpoint = ?, model = ?, generated = ?,"
                    + " generated_input = ?, rounds_planned = ?, rounds_done = ?, instruction = ?, input = ?,"
                    + " response = ?, answerer_agent = ?, answerer_version = ?, answer_call_id = ?, status = ?,"
                    + " failed_stage = ?, error_class = ?, error_message = ? WHERE id = ?")) {
                AgentCall gen = i.generator();
                ps.setString(1, gen.agent());
                Sql.setNullable(ps, 2, gen.promptVersion() == 0 ? null : gen.promptVersion(), Types.INTEGER);
                Sql.setNullable(ps, 3, gen.called() ? gen.callId() : null, Types.BIGINT);
                ps.setString(4, gen.endpoint());
                ps.setString(5, gen.model());
                ps.setString(6, i.generated());
                ps.setString(7, i.generatedInput());
                ps.setInt(8, i.roundsPlanned());
                ps.setInt(9, i.roundsDone());
                // the latest instruction is kept in its columns for lists and filters that read no rounds
                ps.setString(10, i.instruction());
                ps.setString(11, i.input());
                ps.setString(12, i.response());
                AgentCall ans = i.answerer();
                ps.setString(13, ans.agent());
                Sql.setNullable(ps, 14, ans.promptVersion() == 0 ? null : ans.promptVersion(), Types.INTEGER);
                Sql.setNullable(ps, 15, ans.called() ? ans.callId() : null, Types.BIGINT);
                ps.setString(16, i.status().id());
                Failure<Stage> f = i.failure();
                ps.setString(17, f == null ? null : f.stage().id());
                ps.setString(18, f == null ? null : f.errorClass());
                ps.setString(19, f == null ? null : f.message());
                ps.setLong(20, id);
                ps.executeUpdate();
            }
            for (Round r : i.rounds()) {
                saveRound(c, id, r);
            }
            return i.withId(id);
        });
    }

    private void saveRound(Connection c, long instructionId, Round r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.upsert(
                store.dialect(),
                "instruction_round",
                "instruction_id, round, suggestion, edited, edited_input, suggester_agent, suggester_version,"
                        + " suggester_call_id, editor_agent, editor_version, editor_call_id",
                "instruction_id, round"))) {
            ps.setLong(1, instructionId);
            ps.setInt(2, r.round());
            ps.setString(3, r.suggestion());
            ps.setString(4, r.edited());
            ps.setString(5, r.editedInput());
            ps.setString(6, r.suggester().agent());
            ps.setInt(7, r.suggester().promptVersion());
            ps.setLong(8, r.suggester().callId());
            AgentCall editor = r.editor();
            ps.setString(9, editor.agent());
            Sql.setNullable(ps, 10, editor.promptVersion() == 0 ? null : editor.promptVersion(), Types.INTEGER);
            Sql.setNullable(ps, 11, editor.called() ? editor.callId() : null, Types.BIGINT);
            ps.executeUpdate();
        }
    }

    /** Every instruction of a run with its rounds (the engine's view when it resumes). */
    public List<Instruction> ofRun(long runId) {
        return store.read(c -> {
            Map<Long, List<Round>> rounds = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.* FROM instruction_round r JOIN instruction i"
                    + " ON i.id = r.instruction_id WHERE i.run_id = ? ORDER BY r.instruction_id, r.round")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rounds.computeIfAbsent(rs.getLong("instruction_id"), k -> new ArrayList<>())
                                .add(readRound(rs));
                    }
                }
            }
            List<Instruction> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM instruction WHERE run_id = ? ORDER BY id")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instruction i = read(rs);
                        out.add(i.withRounds(rounds.getOrDefault(i.id(), List.of())));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Instruction> find(long id) {
        return store.read(c -> {
            Instruction i;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM instruction WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    i = read(rs);
                }
            }
            List<Round> rounds = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT * FROM instruction_round WHERE instruction_id = ? ORDER BY round")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rounds.add(readRound(rs));
                    }
                }
            }
            return Optional.of(i.withRounds(rounds));
        });
    }

    /**
     * Several instructions with their rounds, in the order of {@code ids} (missing ones are left out): three
     * queries however many, for reading big lists in chunks.
     */
    public List<Instruction> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        return store.read(c -> {
            Map<Long, List<Round>> rounds = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM instruction_round WHERE instruction_id IN ("
                    + in + ") ORDER BY instruction_id, round")) {
                bind(ps, new ArrayList<>(ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rounds.computeIfAbsent(rs.getLong("instruction_id"), k -> new ArrayList<>())
                                .add(readRound(rs));
                    }
                }
            }
            Map<Long, Instruction> byId = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM instruction WHERE id IN (" + in + ")")) {
                bind(ps, new ArrayList<>(ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instruction i = read(rs);
                        byId.put(i.id(), i.withRounds(rounds.getOrDefault(i.id(), List.of())));
                    }
                }
            }
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    /** The hand edits of several instructions, oldest first per instruction. */
    public Map<Long, List<HumanEdit>> humanEdits(List<Long> ids) {
        Map<Long, List<HumanEdit>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        return store.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT * FROM human_edit WHERE instruction_id IN (" + in + ") ORDER BY id")) {
                bind(ps, new ArrayList<>(ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long instructionId = rs.getLong("instruction_id");
                        out.computeIfAbsent(instructionId, k -> new ArrayList<>())
                                .add(readEdit(rs));
                    }
                }
            }
            return out;
        });
    }

    /** One page of the filtered list, newest run first, then in the order they were made. */
    public List<InstructionRow> page(InstructionFilter filter, int offset, int limit) {
        return store.read(c -> {
            List<Object> params = new ArrayList<>();
            String where = where(filter, params);
            List<InstructionRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, run_id, skill, category, subcategory, seed_id,"
                    + " status, review, rounds_done, response IS NOT NULL AS answered, " + FINAL_START
                    + " AS start, LEFT(generated, " + START_CHARS + ") AS gen FROM instruction" + where
                    + " ORDER BY run_id DESC, id LIMIT ? OFFSET ?")) {
                int n = bind(ps, params);
                ps.setInt(n, limit);
                ps.setInt(n + 1, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String review = rs.getString("review");
                        String start = rs.getString("start");
                        out.add(new InstructionRow(
                                rs.getLong("id"),
                                rs.getLong("run_id"),
                                rs.getString("skill"),
                                rs.getString("category"),
                                rs.getString("subcategory"),
                                rs.getLong("seed_id"),
                                review != null ? review : rs.getString("status"),
                                rs.getInt("rounds_done"),
                                rs.getBoolean("answered"),
                                start != null ? start : rs.getString("gen")));
                    }
                }
            }
            return out;
        });
    }

    public int count(InstructionFilter filter) {
        return store.read(c -> {
            List<Object> params = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT COUNT(*) FROM instruction" + where(filter, params))) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The ids of the filtered list in list order (the Refinement area steps through them). */
    public List<Long> ids(InstructionFilter filter) {
        return store.read(c -> {
            List<Object> params = new ArrayList<>();
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM instruction" + where(filter, params) + " ORDER BY run_id DESC, id")) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** Distinct values for the filter drop-downs. */
    public List<String> distinct(String column) {
        if (!List.of("skill", "category").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return store.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT DISTINCT " + column + " FROM instruction ORDER BY 1");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static String where(InstructionFilter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.runId() != null) {
            clauses.add("run_id = ?");
            params.add(f.runId());
        }
        if (f.skill() != null && !f.skill().isBlank()) {
            clauses.add("skill = ?");
            params.add(f.skill());
        }
        if (f.category() != null && !f.category().isBlank()) {
            clauses.add("category = ?");
            params.add(f.category());
        }
        if (f.status() != null && !f.status().isBlank()) {
            switch (f.status()) {
                case "accepted", "rejected" -> {
                    clauses.add("review = ?");
                    params.add(f.status());
                }
                default -> {
                    clauses.add("status = ? AND review IS NULL");
                    params.add(f.status());
                }
            }
        }
        if (f.hasAnswer() != null) {
            clauses.add(f.hasAnswer() ? "response IS NOT NULL" : "response IS NULL");
        }
        if (f.edited() != null) {
            clauses.add((f.edited() ? "" : "NOT ") + "EXISTS (SELECT 1 FROM human_edit h"
                    + " WHERE h.instruction_id = instruction.id)");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int n = 1;
        for (Object p : params) {
            ps.setObject(n++, p);
        }
        return n;
    }

    /** What a run's instructions reached: how many were generated and answered, and the rounds done. */
    public InstructionCounts counts(long runId) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT"
                    + " COALESCE(SUM(CASE WHEN generated IS NOT NULL THEN 1 ELSE 0 END), 0) AS generated,"
                    + " COALESCE(SUM(rounds_done), 0) AS rounds_done,"
                    + " COALESCE(SUM(CASE WHEN response IS NOT NULL THEN 1 ELSE 0 END), 0) AS answered"
                    + " FROM instruction WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new InstructionCounts(
                            rs.getInt("generated"), rs.getInt("rounds_done"), rs.getInt("answered"));
                }
            }
        });
    }

    /** A run's failed instructions counted by stage, error class and message, most first. */
    public List<FailureReason> failureReasons(long runId) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT failed_stage, error_class, error_message, COUNT(*)"
                    + " FROM instruction WHERE run_id = ? AND status = 'failed'"
                    + " GROUP BY failed_stage, error_class, error_message ORDER BY COUNT(*) DESC")) {
                ps.setLong(1, runId);
                List<FailureReason> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String stage = rs.getString(1);
                        out.add(new FailureReason(
                                new Failure<>(
                                        stage == null ? Stage.GENERATION : Stage.of(stage),
                                        rs.getString(2),
                                        rs.getString(3)),
                                rs.getInt(4)));
                    }
                }
                return out;
            }
        });
    }

    /** Records the curator's decision (NONE clears it). */
    public void review(long id, Review review, Integer acceptedRound, String who) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE instruction SET review = ?, accepted_round = ?,"
                    + " reviewed_by = ?, reviewed_at = ? WHERE id = ?")) {
                ps.setString(1, review == Review.NONE ? null : review.id());
                Sql.setNullable(ps, 2, acceptedRound, Types.INTEGER);
                ps.setString(3, review == Review.NONE ? null : who);
                ps.setTimestamp(4, review == Review.NONE ? null : Sql.now());
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Keeps a hand edit; {@code input} only with an instruction target (null: none). */
    public HumanEdit addHumanEdit(long instructionId, String target, String text, String input, String author) {
        return store.write(c -> {
            Timestamp at = Sql.now();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO human_edit (instruction_id, target, text,"
                            + " edited_input, author, edited_at) VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, instructionId);
                ps.setString(2, target);
                ps.setString(3, text);
                ps.setString(4, input);
                ps.setString(5, author);
                ps.setTimestamp(6, at);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new HumanEdit(keys.getLong(1), instructionId, target, text, input, author, at.toInstant());
                }
            }
        });
    }

    private static HumanEdit readEdit(ResultSet rs) throws SQLException {
        return new HumanEdit(
                rs.getLong("id"),
                rs.getLong("instruction_id"),
                rs.getString("target"),
                rs.getString("text"),
                rs.getString("edited_input"),
                rs.getString("author"),
                Sql.instant(rs, "edited_at"));
    }

    /** Takes a hand edit back (undo); the texts it covered show as before. */
    public void deleteHumanEdit(long editId) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM human_edit WHERE id = ?")) {
                ps.setLong(1, editId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Hand edits of an instruction, oldest first. */
    public List<HumanEdit> humanEdits(long instructionId) {
        return store.read(c -> {
            List<HumanEdit> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT * FROM human_edit WHERE instruction_id = ? ORDER BY id")) {
                ps.setLong(1, instructionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readEdit(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Instruction read(ResultSet rs) throws SQLException {
        String failedStage = rs.getString("failed_stage");
        String errorClass = rs.getString("error_class");
        String errorMessage = rs.getString("error_message");
        InstructionStatus status = InstructionStatus.of(rs.getString("status"));
        Failure<Stage> failure = failedStage == null && errorClass == null && errorMessage == null
                ? null
                // a failure without its stage is counted at generation, as failure reasons count it
                : new Failure<>(
                        failedStage == null ? Stage.GENERATION : Stage.of(failedStage), errorClass, errorMessage);
        return new Instruction(
                rs.getLong("id"),
                rs.getLong("run_id"),
                rs.getString("skill"),
                rs.getLong("seed_id"),
                rs.getLong("passage_id"),
                rs.getInt("slot"),
                rs.getString("category"),
                rs.getString("subcategory"),
                new AgentCall(
                        rs.getString("generator_agent"),
                        Sql.intOrZero(rs, "generator_version"),
                        Sql.longOrZero(rs, "generation_call_id"),
                        rs.getString("endpoint"),
                        rs.getString("model")),
                rs.getString("generated"),
                rs.getString("generated_input"),
                rs.getInt("rounds_planned"),
                rs.getString("response"),
                new AgentCall(
                        rs.getString("answerer_agent"),
                        Sql.intOrZero(rs, "answerer_version"),
                        Sql.longOrZero(rs, "answer_call_id"),
                        null,
                        null),
                status,
                failure,
                new CuratorReview(
                        Review.of(rs.getString("review")),
                        Sql.intOrNull(rs, "accepted_round"),
                        rs.getString("reviewed_by"),
                        Sql.instant(rs, "reviewed_at")),
                Sql.instant(rs, "created_at"),
                List.of());
    }

    private static Round readRound(ResultSet rs) throws SQLException {
        return new Round(
                rs.getInt("round"),
                rs.getString("suggestion"),
                rs.getString("edited"),
                rs.getString("edited_input"),
                AgentCall.of(
                        rs.getString("suggester_agent"),
                        rs.getInt("suggester_version"),
                        rs.getLong("suggester_call_id")),
                AgentCall.of(
                        rs.getString("editor_agent"),
                        Sql.intOrZero(rs, "editor_version"),
                        Sql.longOrZero(rs, "editor_call_id")));
    }
}
