package io.arenainstruct.studio.service.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.store.InstructionRepository;

/** Reading generated instructions and the curator's decisions and hand edits on them. */
public final class InstructionService {
    private static final Pattern TARGET = Pattern.compile(
            "instruction|input|response|round\\.0\\.edited|round\\.[1-9][0-9]?\\.(suggestion|edited)");

    private final InstructionRepository repository;

    public InstructionService(InstructionRepository repository) {
        this.repository = repository;
    }

    public List<InstructionRow> page(InstructionFilter filter, int offset, int limit) {
        return repository.page(filter, offset, limit);
    }

    public int count(InstructionFilter filter) {
        return repository.count(filter);
    }

    public List<Long> ids(InstructionFilter filter) {
        return repository.ids(filter);
    }

    public Optional<Instruction> find(long id) {
        return repository.find(id);
    }

    /** Several instructions with their rounds, in the order asked (for reading big lists in chunks). */
    public List<Instruction> findAll(List<Long> ids) {
        return repository.findAll(ids);
    }

    /** The hand edits of several instructions, by instruction. */
    public Map<Long, List<HumanEdit>> humanEdits(List<Long> ids) {
        return repository.humanEdits(ids);
    }

    public List<String> skills() {
        return repository.distinct("skill");
    }

    public List<String> categories() {
        return repository.distinct("category");
    }

    /** Accepts the instruction with the given round's text as final (0: as generated). */
    public void accept(long id, int round, String who) {
        Instruction i = repository.find(id).orElseThrow(() -> new IllegalArgumentException("there is no instruction " + id));
        if (round < 0 || (round > 0 && i.instructionAt(round) == null)) {
            throw new IllegalArgumentException("instruction " + id + " has no finished round " + round);
        }
        repository.review(id, Review.ACCEPTED, round, who);
    }

    public void reject(long id, String who) {
        repository.review(id, Review.REJECTED, null, who);
    }

    /** Takes back an accept or reject. */
    public void clearReview(long id) {
        repository.review(id, Review.NONE, null, null);
    }

    /** Puts back an earlier decision exactly (undo of an accept or reject). */
    public void restoreReview(long id, Review review, Integer acceptedRound, String who) {
        repository.review(id, review, review == Review.ACCEPTED ? acceptedRound : null, who);
    }

    /** Takes a hand edit back (undo); the model's text, or an older hand edit, shows again. */
    public void removeEdit(long editId) {
        repository.deleteHumanEdit(editId);
    }

    /**
     * Keeps a hand edit of one text; the model's text stays as it was.
     *
     * @param target {@code instruction}, {@code input}, {@code response}, {@code round.0.edited} (the generated
     *               instruction), {@code round.N.suggestion} or {@code round.N.edited}
     */
    public HumanEdit edit(long id, String target, String text, String who) {
        if (!TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("'" + target + "' is not an editable text of an instruction");
        }
        repository.find(id).orElseThrow(() -> new IllegalArgumentException("there is no instruction " + id));
        return repository.addHumanEdit(id, target, text, who);
    }

    public List<HumanEdit> humanEdits(long id) {
        return repository.humanEdits(id);
    }

    /** Who the curator is, for reviews and hand edits: the operating-system user. */
    public static String currentUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "curator" : user;
    }
}
