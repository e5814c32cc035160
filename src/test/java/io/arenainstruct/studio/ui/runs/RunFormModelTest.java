package io.arenainstruct.studio.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunEstimate;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.ui.runs.RunFormModel.RoleGroup;
import io.arenainstruct.studio.ui.runs.RunFormModel.SeedMode;

/** The New run form's fields and rules, without a store or a toolkit. */
class RunFormModelTest {
    private int edits;
    private final RunFormModel form = new RunFormModel(() -> edits++);

    private static Agent agent(String id, AgentRole role) {
        return new Agent(id, null, role, null, List.of(), null, null, null, null, null, 1);
    }

    /** A flow as far as the form reads it: its skill and name. */
    private static Flow flow(String skill, String name) {
        return new Flow(
                skill,
                name,
                Flow.Pick.RANDOM,
                List.of(),
                List.of(),
                2,
                List.of(),
                agent("critic", AgentRole.SUGGESTER),
                agent("reviser", AgentRole.EDITOR),
                agent("solver", AgentRole.ANSWERER));
    }

    private void offer(List<String> endpoints) {
        form.setChoices(new RunService.FormChoices(
                List.of(flow("reading", "Reading comprehension"), flow("coding", " ")),
                List.of("fixture", "news"),
                endpoints));
    }

    @Test
    void anEmptyFormSaysWhatIsMissingInTheOrderOfTheForm() {
        offer(List.of("local", "remote"));
        RunFormModel.Result result = form.result();
        assertThat(result.config()).isNull();
        assertThat(result.problems())
                .containsExactly(
                        "Tick at least one skill to generate instructions for.",
                        "Choose the endpoint the run asks (add one in Endpoints if there is none).");
    }

    @Test
    void theChoicesListSkillsByNameAndPickTheOnlyEndpoint() {
        offer(List.of("local"));
        assertThat(form.skills()).extracting(RunFormModel.SkillChoice::skill).containsExactly("coding", "reading");
        assertThat(form.skillName("reading")).isEqualTo("Reading comprehension");
        assertThat(form.skillName("coding"))
                .as("a blank flow name shows the id")
                .isEqualTo("coding");
        assertThat(form.skillsText(List.of("reading", "unknown"))).isEqualTo("Reading comprehension, unknown");
        assertThat(form.tags()).containsExactly("fixture", "news");
        assertThat(form.endpoint().get()).as("the only endpoint is chosen").isEqualTo("local");

        // Read again with a second endpoint and a tick made: the tick stays, the choice too.
        form.choose("reading", true);
        offer(List.of("local", "remote"));
        assertThat(form.skills().get(1).chosen().get()).isTrue();
        assertThat(form.endpointNames()).containsExactly("local", "remote");
        assertThat(form.endpoint().get()).isEqualTo("local");
    }

    @Test
    void seedsByTagNeedATagAndListedSeedsNeedWholeNumbers() {
        offer(List.of("local"));
        form.choose("reading", true);
        form.seedMode().set(SeedMode.TAG);
        assertThat(form.result().problems()).containsExactly("Choose the tag of the seeds to use.");
        form.seedTag().set("news");
        assertThat(form.result().config().seeds()).isEqualTo(SeedSelection.tag("news"));

        form.seedMode().set(SeedMode.IDS);
        assertThat(form.result().problems())
                .containsExactly(
                        "Choose the seeds in the Seeds area: select them there and press Run on these…" + " (Ctrl+R).");
        form.seedIds().set("3,x");
        assertThat(form.result().problems())
                .containsExactly("Seed ids are whole numbers separated by commas, like 3,7,12.");
        form.seedIds().set("3,7");
        assertThat(form.result().config().seeds()).isEqualTo(SeedSelection.ids(List.of(3L, 7L)));
    }

    @Test
    void aCompleteFormDescribesItsRunWithAnEndpointPerRoleGroup() {
        offer(List.of("local", "remote"));
        form.choose("reading", true);
        form.endpoint().set("local");
        form.roleEndpoint(RoleGroup.REFINEMENT).set("remote");
        form.perSeed().set(0);
        RunConfig config = form.result().config();
        assertThat(config)
                .isEqualTo(new RunConfig(
                        List.of("reading"),
                        SeedSelection.all(),
                        "local",
                        Map.of(AgentRole.SUGGESTER, "remote", AgentRole.EDITOR, "remote"),
                        null,
                        1,
                        false,
                        1L));

        // The curator's own number of rounds counts only once the flow's is unticked.
        form.rounds().set(4);
        assertThat(form.result().config().rounds()).isNull();
        form.flowRounds().set(false);
        assertThat(form.result().config().rounds()).isEqualTo(4);
    }

    @Test
    void everyEditMarksTheFormAsBeingCheckedAndStartWaitsForTheCheck() {
        offer(List.of("local"));
        form.choose("reading", true);
        form.showChecked(List.of(), null);
        assertThat(form.canStart().get()).isTrue();
        assertThat(form.checking().get()).isFalse();

        int before = edits;
        form.perSeed().set(3);
        assertThat(edits).isEqualTo(before + 1);
        assertThat(form.checking().get()).isTrue();
        assertThat(form.canStart().get()).isFalse();

        form.showChecked(List.of("the endpoint local has no model"), null);
        assertThat(form.problems()).containsExactly("The endpoint local has no model.");
        assertThat(form.canStart().get()).isFalse();
        assertThat(form.checking().get()).isFalse();
    }

    @Test
    void theEstimateLineCountsEachStageAndSaysWhenTheLedgerAnswersEverything() {
        RunEstimate e = new RunEstimate(1, 1, 2, 13, 1_200, 340, new BigDecimal("0.125"), false, 0, null);
        assertThat(RunFormModel.estimateText(e))
                .isEqualTo("1 seed → 1 passage → 2 instructions; about 13 calls, 1,200 tokens in, 340 out,"
                        + " cost 0.13 (some models have no price)");
        RunEstimate repeat = new RunEstimate(3, 3, 3, 21, 10, 20, null, true, 21, 4L);
        assertThat(RunFormModel.estimateText(repeat))
                .isEqualTo("3 seeds → 3 passages → 3 instructions; about 21 calls (all answered by the call ledger:"
                        + " this repeats run 4), 10 tokens in, 20 out, no price set");
    }
}
