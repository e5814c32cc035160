package io.arenainstruct.studio.service.arena.battlefiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.HumanMajority;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.arena.Combined;
import io.arenainstruct.studio.service.arena.ExternalIdMatches;
import io.arenainstruct.studio.service.arena.GameReading;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.service.arena.VerdictRules;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.StoreException;

/**
 * Imports battle files (Chatbot-Arena rows, FastChat pairwise judgments, Arena-Hard judgments): each row is one
 * verdict (a judge row: its two games and the judge's combined verdict), stored on the battle of its question,
 * two models (either way round) and turn, in that battle's orientation. Every verdict is keyed by its row's text,
 * so importing a file again adds nothing. A bad row is rejected with its line; the rest is imported.
 */
public final class BattleFileImporter {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final String STRATEGY = "imported";
    private static final int LONGEST_OWN_KEY = 280;
    private static final int LONGEST_DATASET_NAME = 200;
    /** A refusal quoting a whole value (too long for its column) is cut: the line number finds the rest. */
    private static final int LONGEST_REFUSAL = 300;

    private final ArenaRepository arena;
    private final BattleRepository battles;
    private final VerdictChanges changes;

    public BattleFileImporter(ArenaRepository arena, BattleRepository battles) {
        this(arena, battles, new VerdictChanges());
    }

    /** An importer that tells {@code changes} when it stored verdicts. */
    public BattleFileImporter(ArenaRepository arena, BattleRepository battles, VerdictChanges changes) {
        this.arena = arena;
        this.battles = battles;
        this.changes = changes;
    }

    /** A row not imported: where, and why in plain words. */
    public record Rejection(Path file, int line, String reason) {}

    /**
     * What an import did: verdicts added, the battles they were added to and how many of those are new, models
     * the store did not know, question ids no imported instruction has (each once), rejected rows.
     */
    public record Report(
            int verdicts,
            int battles,
            int newBattles,
            List<String> newModels,
            List<String> unknownQuestions,
            List<Rejection> rejected) {}

    /** The file's format, from the fields of its first JSON row; empty when it is none of them. */
    public Optional<BattleFileFormat> detect(Path file) {
        try (JsonlRows rows = new JsonlRows(file)) {
            for (JsonlRows.Line line = rows.next(); line != null; line = rows.next()) {
                if (line.row() != null) {
                    return BattleFileFormat.of(line.row());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Imports the files in order.
     *
     * @param voteSource who the votes of Chatbot-Arena rows are from (people by default); the other formats are
     *                   judges' by nature
     * @throws IllegalArgumentException a file is in none of the formats (nothing of it is imported)
     */
    public Report importFiles(List<Path> files, VerdictSource voteSource) {
        Set<String> modelsBefore = new HashSet<>(arena.models());
        Run run = new Run();
        try {
            for (Path file : files) {
                BattleFileFormat format = detect(file)
                        .orElseThrow(() -> new IllegalArgumentException(file.getFileName()
                                + " is not a battle file; supported: " + BattleFileFormat.SUPPORTED));
                importFile(file, format, voteSource, run);
            }
        } finally {
            // a file refused after others were stored still changed the verdicts
            if (run.verdicts > 0) {
                changes.changed();
            }
        }
        Set<String> newModels = new TreeSet<>(arena.models());
        newModels.removeAll(modelsBefore);
        return new Report(
                run.verdicts,
                run.touched.size(),
                run.made,
                List.copyOf(newModels),
                List.copyOf(run.unknown),
                List.copyOf(run.rejected));
    }

    /** What an import has done so far, and what it has learned of the store. */
    private static final class Run {
        int verdicts;
        int made;
        final Set<Long> touched = new HashSet<>();
        final Set<String> unknown = new LinkedHashSet<>();
        final List<Rejection> rejected = new ArrayList<>();
        final Map<Long, Battle> battles = new HashMap<>();
        final Map<Long, String> categories = new HashMap<>();
        /** People's votes on each battle touched, as stored (read once, then kept up to date). */
        final Map<Long, List<Outcome>> peoplesVotes = new HashMap<>();
        /** Battles the current row added to {@link #touched}, to forget if the store refuses the row. */
        final Set<Long> rowTouched = new HashSet<>();
        /** Rows of the file being read, by their hash: how many times each was seen so far. */
        final Map<String, Integer> seenInFile = new HashMap<>();

        // What the chunk being stored added, undone when its transaction runs again: a team store runs a unit of
        // work cut off by a lost connection again on a new one (Store#write), and the first run was rolled back.
        private boolean chunkRunning;
        private int chunkVerdicts;
        private int chunkMade;
        private int chunkRejected;
        final List<String> chunkSeen = new ArrayList<>();
        final Set<Long> chunkTouched = new HashSet<>();
        final List<String> chunkUnknown = new ArrayList<>();

        void startChunk() {
            chunkRunning = false;
            chunkVerdicts = verdicts;
            chunkMade = made;
            chunkRejected = rejected.size();
            chunkSeen.clear();
            chunkTouched.clear();
            chunkUnknown.clear();
        }

        /** At the start of each run of the chunk's transaction: a run after the first forgets what the first did. */
        void runChunk() {
            if (!chunkRunning) {
                chunkRunning = true;
                return;
            }
            verdicts = chunkVerdicts;
            made = chunkMade;
            rejected.subList(chunkRejected, rejected.size()).clear();
            chunkSeen.forEach(h -> seenInFile.computeIfPresent(h, (k, n) -> n == 1 ? null : n - 1));
            touched.removeAll(chunkTouched);
            chunkUnknown.forEach(unknown::remove);
            startChunk();
            chunkRunning = true;
            // what was read or made in the rolled-back run may not be so
            battles.clear();
            peoplesVotes.clear();
            categories.clear();
        }
    }

    /** Rows stored per transaction: one commit per chunk, not several per row. */
    private static final int CHUNK = 200;

    private void importFile(Path file, BattleFileFormat format, VerdictSource voteSource, Run run) {
        String fileName = file.getFileName().toString();
        run.seenInFile.clear();
        try (JsonlRows rows = new JsonlRows(file)) {
            List<JsonlRows.Line> chunk = new ArrayList<>(CHUNK);
            for (JsonlRows.Line line = rows.next(); line != null; line = rows.next()) {
                chunk.add(line);
                if (chunk.size() == CHUNK) {
                    importChunk(file, fileName, format, voteSource, chunk, run);
                    chunk.clear();
                }
            }
            importChunk(file, fileName, format, voteSource, chunk, run);
        }
    }

    private void importChunk(
            Path file,
            String fileName,
            BattleFileFormat format,
            VerdictSource voteSource,
            List<JsonlRows.Line> chunk,
            Run run) {
        if (chunk.isEmpty()) {
            return;
        }
        run.startChunk();
        battles.inOneTransaction(() -> {
            run.runChunk();
            for (JsonlRows.Line line : chunk) {
                int made = run.made;
                int verdicts = run.verdicts;
                run.rowTouched.clear();
                try {
                    battles.allOrNothing(() -> {
                        importRow(file, fileName, format, voteSource, line, run);
                        return null;
                    });
                } catch (StoreException e) {
                    // the row's own savepoint undid what it stored: forget what it counted and cached too
                    run.made = made;
                    run.verdicts = verdicts;
                    run.touched.removeAll(run.rowTouched);
                    run.battles.clear();
                    run.peoplesVotes.clear();
                    run.rejected.add(new Rejection(file, line.number(), "the store refused it: " + refusal(e)));
                }
            }
            return null;
        });
    }

    private void importRow(
            Path file,
            String fileName,
            BattleFileFormat format,
            VerdictSource voteSource,
            JsonlRows.Line line,
            Run run) {
        try {
            if (line.row() == null) {
                throw new BadRow(line.problem());
            }
            BattleFileFormat rowFormat =
                    BattleFileFormat.of(line.row()).orElseThrow(() -> new BadRow("not a " + format.id() + " row"));
            if (rowFormat != format) {
                throw new BadRow("a " + rowFormat.id() + " row in a " + format.id() + " file");
            }
            BattleRow row = switch (format) {
                case CHATBOT_ARENA -> ChatbotArenaReader.read(line.row(), voteSource);
                case FASTCHAT_PAIR -> FastChatPairReader.read(line.row());
                case ARENA_HARD -> ArenaHardJudgmentReader.read(line.row());
            };
            store(row, fileName, format, line, run);
        } catch (BadRow e) {
            run.rejected.add(new Rejection(file, line.number(), e.getMessage()));
        }
    }

    private void store(BattleRow row, String fileName, BattleFileFormat format, JsonlRows.Line line, Run run)
            throws BadRow {
        // A row's verdicts are keyed by its text and how many identical rows came before it in the file: two equal
        // votes are two votes, and the same file (or a renamed copy) imported again adds nothing. Checked before
        // anything is made, so a row already stored leaves no instruction or empty battle behind.
        String rowHash = Hashes.sha256(format.id() + "\n" + canonical(line.row()));
        String rowKey = rowHash + "#" + run.seenInFile.merge(rowHash, 1, Integer::sum);
        run.chunkSeen.add(rowHash);
        List<String> rowKeys = row.games().stream()
                .map(g -> rowKey + ":" + (g.game() == null ? "vote" : g.game()))
                .toList();
        if (battles.storedKeys(rowKeys).containsAll(rowKeys)) {
            return;
        }
        Long instructionId = instruction(row, fileName, format, run);
        Long responseA = null;
        Long responseB = null;
        if (instructionId != null && row.answerA() != null) {
            responseA = arena.addResponse(ArenaResponse.imported(instructionId, row.modelA(), row.answerA(), null));
            responseB = arena.addResponse(ArenaResponse.imported(instructionId, row.modelB(), row.answerB(), null));
        } else if (instructionId != null) {
            Map<String, Long> answers =
                    arena.firstResponses(List.of(instructionId)).getOrDefault(instructionId, Map.of());
            responseA = answers.get(row.modelA());
            responseB = answers.get(row.modelB());
        }
        String category = instructionId == null
                ? null
                : run.categories.computeIfAbsent(
                        instructionId,
                        id -> arena.instruction(id)
                                .map(ArenaInstruction::category)
                                .orElse(null));
        Battle proto = new Battle(
                0,
                instructionId,
                row.modelA(),
                row.modelB(),
                responseA,
                responseB,
                row.turn(),
                STRATEGY,
                category,
                BattleStatus.UNJUDGED,
                false,
                null);
        BattleRepository.Resolved resolved = battles.resolve(
                proto, ownKey(row, fileName, format, line.number()), instructionId == null ? row.questionId() : null);
        if (resolved.made()) {
            run.made++;
        }
        Battle battle = run.battles.computeIfAbsent(
                resolved.id(), id -> battles.battle(id).orElseThrow());
        boolean flip = battle.modelA().equals(row.modelB());
        String voter = row.voter() == null ? fileName : row.voter();
        List<Verdict> verdicts = new ArrayList<>();
        List<GameReading> readings = new ArrayList<>();
        for (RowGame g : row.games()) {
            RowGame game = flip ? g.flipped() : g;
            verdicts.add(verdict(
                    battle.id(),
                    row,
                    voter,
                    game.game(),
                    game.swapped(),
                    game.outcome(),
                    game.label(),
                    game.rawLabel(),
                    game.judgment(),
                    row.note(),
                    rowKey + ":" + (g.game() == null ? "vote" : g.game())));
            readings.add(reading(game));
        }
        BattleStatus status;
        Boolean inconsistent = null;
        List<Outcome> votes = null;
        if (!row.judgeGames() && row.source() == VerdictSource.HUMAN) {
            // people's votes settle a battle by majority, as people's verdicts do; a split one is disputed
            votes = run.peoplesVotes.computeIfAbsent(battle.id(), this::peoplesVotes);
            status = BattleStatus.ADJUDICATED;
        } else if (!row.judgeGames()) {
            status = BattleStatus.JUDGED;
        } else if (readings.stream().allMatch(GameReading::parsed)) {
            Combined c = format == BattleFileFormat.FASTCHAT_PAIR
                    ? FastChatCount.combined(readings)
                    : VerdictRules.games(readings);
            // FastChat's games name a winner only: the combined verdict has no graded label to give
            GradedLabel label = format == BattleFileFormat.ARENA_HARD ? c.label() : null;
            String note = row.note() == null ? c.note() : c.note() + "; " + row.note();
            verdicts.add(
                    verdict(battle.id(), row, voter, 0, false, c.outcome(), label, null, null, note, rowKey + ":0"));
            status = c.disputed() ? BattleStatus.DISPUTED : BattleStatus.JUDGED;
            inconsistent = c.inconsistent() ? Boolean.TRUE : null;
        } else {
            status = BattleStatus.DISPUTED;
        }
        Set<String> stored =
                battles.storedKeys(verdicts.stream().map(Verdict::key).toList());
        List<Verdict> fresh =
                verdicts.stream().filter(v -> !stored.contains(v.key())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        BattleStatus next;
        int added;
        if (votes != null) {
            // people's votes decide the battle's standing over judges', and all of them count, not only the last
            votes.addAll(fresh.stream().map(Verdict::outcome).toList());
            next = HumanMajority.of(votes).map(HumanMajority::status).orElse(battle.status());
            added = battles.addVerdicts(battle.id(), fresh, next, inconsistent);
        } else {
            // as a judging job's verdicts: the judges' standing only rises, and a file never undoes what people
            // settled (the battle keeps their status; the judges' own is kept apart for an undo of their votes)
            next = battle.status() == BattleStatus.ADJUDICATED || battle.status() == BattleStatus.DISPUTED
                    ? battle.status()
                    : status;
            added = battles.addJudgeVerdicts(
                    List.of(new BattleRepository.VerdictWrite(battle.id(), fresh, status, inconsistent)));
        }
        run.verdicts += added;
        if (run.touched.add(battle.id())) {
            run.rowTouched.add(battle.id());
            run.chunkTouched.add(battle.id());
        }
        run.battles.put(battle.id(), withStatus(battle, next, inconsistent));
    }

    /** Why the store refused a row, in its own words: the first line, without the statement it refused. */
    private static String refusal(StoreException e) {
        String words = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : e.getMessage();
        int statement = words.indexOf("; SQL statement:");
        words = statement < 0 ? words : words.substring(0, statement);
        int nl = words.indexOf('\n');
        words = nl < 0 ? words : words.substring(0, nl);
        return words.length() <= LONGEST_REFUSAL ? words : words.substring(0, LONGEST_REFUSAL - 1) + "…";
    }

    /** The outcomes of people's votes stored on the battle. */
    private List<Outcome> peoplesVotes(long battleId) {
        return battles.verdicts(battleId).stream()
                .filter(v -> v.source() == VerdictSource.HUMAN)
                .map(Verdict::outcome)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** The row's instruction: found by its question id, else made from its conversation; null if neither. */
    private Long instruction(BattleRow row, String fileName, BattleFileFormat format, Run run) throws BadRow {
        String externalId = row.questionId() == null
                ? null
                : row.turn() == 1 ? row.questionId() : row.questionId() + "/turn" + row.turn();
        if (externalId != null) {
            Optional<Long> found = question(externalId, row);
            if (found.isEmpty() && row.turn() > 1 && row.instruction() == null) {
                // a multi-turn question imported as one conversation carries the plain id
                found = question(row.questionId(), row);
            }
            if (found.isPresent()) {
                return found.get();
            }
        }
        if (row.instruction() == null) {
            if (row.questionId() != null && run.unknown.add(row.questionId())) {
                run.chunkUnknown.add(row.questionId());
            }
            return null;
        }
        return arena.add(dataset(fileName), format.id(), List.of(new Item(row.instruction(), externalId, List.of())))
                .instructionIds()
                .get(0);
    }

    /**
     * The instruction the question id names in the datasets that have it. Datasets reuse ids: one naming different
     * instructions is followed by none, and the row is rejected unless its conversation names it by content.
     */
    private Optional<Long> question(String id, BattleRow row) throws BadRow {
        ExternalIdMatches matches = new ExternalIdMatches(id, arena.instructionsByExternalId(id));
        if (matches.ambiguous() && row.instruction() == null) {
            throw new BadRow(matches.ambiguity("question id") + ", and the row carries no conversation to tell which");
        }
        return matches.instruction();
    }

    /** For a battle with no instruction: the question and both models, or else the file and line. */
    private static String ownKey(BattleRow row, String fileName, BattleFileFormat format, int line) {
        String key;
        if (row.questionId() == null) {
            key = "row:" + fileName + ":" + line;
        } else {
            String a = row.modelA();
            String b = row.modelB();
            String models = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
            key = (format == BattleFileFormat.ARENA_HARD ? "uid:" : "q:") + row.questionId() + ":" + models + ":t"
                    + row.turn();
        }
        // the store keeps keys of up to 300 characters: long names are kept apart by their hash
        return key.length() <= LONGEST_OWN_KEY ? key : "sha256:" + Hashes.sha256(key);
    }

    private static String dataset(String fileName) {
        String name =
                fileName.endsWith(".jsonl") ? fileName.substring(0, fileName.length() - ".jsonl".length()) : fileName;
        return name.length() <= LONGEST_DATASET_NAME ? name : name.substring(0, LONGEST_DATASET_NAME);
    }

    private static Verdict verdict(
            long battleId,
            BattleRow row,
            String voter,
            Integer game,
            boolean swapped,
            Outcome outcome,
            GradedLabel label,
            String rawLabel,
            String judgment,
            String note,
            String key) {
        return new Verdict(
                0,
                battleId,
                row.source(),
                game,
                swapped,
                voter,
                outcome,
                label,
                rawLabel,
                null,
                null,
                judgment,
                null,
                true,
                key,
                note,
                row.at());
    }

    /** A game as the verdict rules read it; FastChat's winners vote as plain (not strong) graded labels. */
    private static GameReading reading(RowGame g) {
        if (!g.outcome().decided()) {
            return new GameReading(
                    g.outcome(), null, null, null, null, g.outcome().id() + " in the file");
        }
        GradedLabel label = g.label() != null
                ? g.label()
                : switch (g.outcome()) {
                    case A -> GradedLabel.A_BETTER;
                    case B -> GradedLabel.B_BETTER;
                    default -> GradedLabel.TIE;
                };
        return new GameReading(label.outcome(), label, g.rawLabel(), null, null, null);
    }

    private static Battle withStatus(Battle b, BattleStatus status, Boolean inconsistent) {
        return new Battle(
                b.id(),
                b.instructionId(),
                b.modelA(),
                b.modelB(),
                b.responseA(),
                b.responseB(),
                b.turn(),
                b.strategy(),
                b.category(),
                status,
                inconsistent != null ? inconsistent : b.inconsistent(),
                b.createdAt());
    }

    private static String canonical(JsonNode row) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(row, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row read as JSON writes as JSON", e);
        }
    }
}
