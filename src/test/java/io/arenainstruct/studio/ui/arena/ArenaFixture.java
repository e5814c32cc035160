package io.arenainstruct.studio.ui.arena;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.store.BattleRepository;

/** Plants arena rows in a workspace's store for the Arena area's tests: instructions, battles, verdicts. */
public final class ArenaFixture {
    /** The Arena-Hard sample: 40 questions and the answers of two models. */
    public static final Path SAMPLE = Path.of("src/test/resources/arena-hard-sample");

    private final ArenaRepository arena;
    private final BattleRepository battles;

    public ArenaFixture(Workspace ws) {
        this.arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        this.battles = new BattleRepository(WorkspaceRepositories.store(ws));
    }

    public static List<Path> sampleFiles() {
        return List.of(
                SAMPLE.resolve("question.jsonl"),
                SAMPLE.resolve("gpt-4-0314.jsonl"),
                SAMPLE.resolve("gpt-3.5-turbo-0125.jsonl"));
    }

    /**
     * {@code n} instructions "Prompt k" (k from 1), category "Math" for odd k and "Code" for even k, each answered
     * by m1 and m2 ("m1 answers Prompt k"), and one battle m1 vs m2 on each; returns the battle ids in order.
     */
    public List<Long> battles(int n) {
        List<Item> items = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            items.add(new Item(
                    ArenaInstruction.of(List.of(), "Prompt " + k, k % 2 == 1 ? "Math" : "Code", null),
                    null,
                    List.of(
                            new ItemResponse("m1", "m1 answers Prompt " + k, null),
                            new ItemResponse("m2", "m2 answers Prompt " + k, null))));
        }
        List<Long> instructions = arena.add("planted", "prompts", items).instructionIds();
        List<Battle> made = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long i = instructions.get(k);
            Map<String, Long> r =
                    arena.responses(i).stream().collect(Collectors.toMap(ArenaResponse::model, ArenaResponse::id));
            made.add(new Battle(
                    0,
                    i,
                    "m1",
                    "m2",
                    r.get("m1"),
                    r.get("m2"),
                    1,
                    "all-pairs",
                    k % 2 == 0 ? "Math" : "Code",
                    BattleStatus.UNJUDGED,
                    false,
                    null));
        }
        return battles.create(made).ids();
    }

    /** One instruction with the two models' answers as given, and a battle of {@code a} against {@code b}. */
    public long battle(String prompt, String a, String answerA, String b, String answerB) {
        long i = arena.add(
                        "planted",
                        "prompts",
                        List.of(new Item(
                                ArenaInstruction.of(List.of(), prompt, null, null),
                                null,
                                List.of(new ItemResponse(a, answerA, null), new ItemResponse(b, answerB, null)))))
                .instructionIds()
                .get(0);
        Map<String, Long> r =
                arena.responses(i).stream().collect(Collectors.toMap(ArenaResponse::model, ArenaResponse::id));
        return battles.create(List.of(new Battle(
                        0, i, a, b, r.get(a), r.get(b), 1, "all-pairs", null, BattleStatus.UNJUDGED, false, null)))
                .ids()
                .get(0);
    }

    /** A battle between two models with no instruction (as an imported row naming no question makes). */
    public long battleWithoutInstruction(String a, String b) {
        return battles.battleId(
                new Battle(0, null, a, b, null, null, 1, "imported", null, BattleStatus.UNJUDGED, false, null),
                "file.jsonl:1");
    }

    /**
     * A judge's two games on the battle as a judge model writes them: game 1 with A shown first wrote
     * {@code first}, game 2 with B shown first wrote {@code second} (about the order it saw), then its combined
     * verdict; the battle becomes {@code status}.
     */
    public void judged(
            long battle,
            String judge,
            GradedLabel first,
            GradedLabel second,
            GradedLabel combined,
            BattleStatus status,
            boolean inconsistent) {
        battles.addVerdicts(
                battle,
                List.of(
                        game(battle, judge, 1, false, first, "Game one says [[" + first.text() + "]]"),
                        game(battle, judge, 2, true, second, "Game two says [[" + second.text() + "]]"),
                        new Verdict(
                                0,
                                battle,
                                VerdictSource.JUDGE,
                                0,
                                false,
                                judge,
                                combined.outcome(),
                                combined,
                                null,
                                null,
                                null,
                                null,
                                AgentCall.NONE,
                                false,
                                "t:" + battle + ":" + judge + ":0",
                                null,
                                null)),
                status,
                inconsistent);
    }

    private static Verdict game(
            long battle, String judge, int game, boolean swapped, GradedLabel written, String judgment) {
        GradedLabel unswapped = swapped ? written.swapped() : written;
        return new Verdict(
                0,
                battle,
                VerdictSource.JUDGE,
                game,
                swapped,
                judge,
                unswapped.outcome(),
                unswapped,
                "[[" + written.text() + "]]",
                null,
                null,
                judgment,
                AgentCall.NONE,
                false,
                "t:" + battle + ":" + judge + ":" + game,
                null,
                null);
    }

    /** A person's verdict on the battle. */
    public void human(long battle, String who, Outcome outcome, BattleStatus status) {
        battles.addVerdicts(
                battle,
                List.of(new Verdict(
                        0,
                        battle,
                        VerdictSource.HUMAN,
                        null,
                        false,
                        who,
                        outcome,
                        null,
                        null,
                        null,
                        null,
                        null,
                        AgentCall.NONE,
                        false,
                        null,
                        null,
                        null)),
                status,
                null);
    }

    /** A jury's pooled verdict on the battle. */
    public void jury(long battle, String name, Outcome outcome, String note, BattleStatus status) {
        battles.addVerdicts(
                battle,
                List.of(new Verdict(
                        0,
                        battle,
                        VerdictSource.JURY,
                        null,
                        false,
                        name,
                        outcome,
                        null,
                        null,
                        null,
                        null,
                        null,
                        AgentCall.NONE,
                        false,
                        "jury:" + battle + ":" + name,
                        note,
                        null)),
                status,
                null);
    }
}
