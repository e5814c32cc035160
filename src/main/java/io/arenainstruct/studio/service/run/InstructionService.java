package io.arenainstruct.studio.service.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.Round;
import io.arenainstruct.studio.store.InstructionRepository;

/** Reading generated instructions and the curator's decisions and hand edits on them. */
public final class InstructionService {
    private static final Pattern TARGET =
            Pattern.compile("instruction|input|response|round\\.0\\.edited|round\\.[1-9][0-9]?\\.(suggestion|edited)");

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
        Instruction i =
                repository.find(id).orElseThrow(() -> new IllegalArgumentException("there is no instruction " + id));
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

    /** Keeps a hand edit of one text (an instruction edited this way keeps no input); see the five-argument form. */
    public HumanEdit edit(long id, String target, String text, String who) {
        return edit(id, target, text, null, who);
    }

    /**
     * Keeps a hand edit of one text; the model's text stays as it was.
     *
     * @param target {@code instruction}, {@code input}, {@code response}, {@code round.0.edited} (the generated
     *               instruction), {@code round.N.suggestion} or {@code round.N.edited}
     * @param input  with an instruction target, the edited input (null or blank: none); else must be null
     */
    public HumanEdit edit(long id, String target, String text, String input, String who) {
        if (!TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("'" + target + "' is not an editable text of an instruction");
        }
        if (input != null && !HumanEdit.isInstructionTarget(target)) {
            throw new IllegalArgumentException("only an edit of an instruction has an input, not '" + target + "'");
        }
        repository.find(id).orElseThrow(() -> new IllegalArgumentException("there is no instruction " + id));
        return repository.addHumanEdit(id, target, text, input == null || input.isBlank() ? null : input, who);
    }

    /** The final texts of an instruction (see {@link #finalText(Instruction, List)}). */
    public Optional<FinalText> finalText(long id) {
        return repository.find(id).map(i -> finalText(i, repository.humanEdits(id)));
    }

    /**
     * The texts a dataset takes from an instruction, decided here and only here (the JSON list, the
     * Instructions and Refinement areas and exports all read this). The instruction and its input: the
     * curator's newest hand edit of an instruction (of any round), else the accepted round, else the last
     * finished round. The response: its newest hand edit, else the model's.
     *
     * @param edits the instruction's hand edits, oldest first
     */
    public static FinalText finalText(Instruction i, List<HumanEdit> edits) {
        Integer acceptedRound = i.review().accepted() ? i.review().acceptedRound() : null;
        HumanEdit instructionEdit = null;
        for (HumanEdit e : edits) {
            if (e.ofInstruction()) {
                instructionEdit = e; // oldest first: the last that applies is the newest
            }
        }
        int round;
        if (instructionEdit != null && !instructionEdit.target().equals("instruction")) {
            round = Integer.parseInt(instructionEdit.target().split("\\.")[1]);
        } else if (acceptedRound != null) {
            round = acceptedRound;
        } else {
            round = i.rounds().stream()
                    .filter(r -> r.edited() != null)
                    .mapToInt(Round::round)
                    .max()
                    .orElse(0);
        }
        String instruction;
        String input;
        if (instructionEdit != null) {
            instruction = instructionEdit.text();
            input = instructionEdit.input();
        } else {
            instruction = i.instructionAt(round);
            input = round == 0
                    ? i.generatedInput()
                    : i.rounds().stream()
                            .filter(r -> r.round() == round)
                            .findFirst()
                            .map(Round::editedInput)
                            .orElse(null);
        }
        HumanEdit inputEdit = newest(edits, "input");
        if (inputEdit != null) {
            input = inputEdit.text();
        }
        HumanEdit responseEdit = newest(edits, "response");
        return new FinalText(
                instruction,
                input,
                responseEdit != null ? responseEdit.text() : i.response(),
                round,
                acceptedRound != null && acceptedRound == round,
                instructionEdit != null ? instructionEdit : inputEdit,
                responseEdit);
    }

    private static HumanEdit newest(List<HumanEdit> edits, String target) {
        HumanEdit found = null;
        for (HumanEdit e : edits) {
            if (e.target().equals(target)) {
                found = e;
            }
        }
        return found;
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
