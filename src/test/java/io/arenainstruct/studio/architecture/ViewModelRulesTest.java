package io.arenainstruct.studio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * View models that start their work through the task executor (issue 9): they get only the services they use, so
 * they are unit-tested without a toolkit. Add a view model here once it is converted.
 */
@AnalyzeClasses(packages = "io.arenainstruct.studio.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class ViewModelRulesTest {
    private static final String[] CONVERTED = {
        "io.arenainstruct.studio.ui.endpoints.EndpointsViewModel",
        "io.arenainstruct.studio.ui.instructions.InstructionsViewModel",
        "io.arenainstruct.studio.ui.ledger.LedgerViewModel",
        "io.arenainstruct.studio.ui.seeds.SeedsViewModel",
        "io.arenainstruct.studio.ui.taxonomy.TaxonomyViewModel",
        "io.arenainstruct.studio.ui.prompts.PromptsViewModel",
        "io.arenainstruct.studio.ui.prompts.PromptTryViewModel",
        "io.arenainstruct.studio.ui.prompts.FlowFileViewModel",
        "io.arenainstruct.studio.ui.prompts.JudgesViewModel",
        "io.arenainstruct.studio.ui.prompts.JudgeTryViewModel",
        "io.arenainstruct.studio.ui.refinement.RefinementViewModel",
        "io.arenainstruct.studio.ui.runs.RunsViewModel",
        "io.arenainstruct.studio.ui.runs.RunFormModel",
        "io.arenainstruct.studio.ui.arena.ArenaViewModel",
        "io.arenainstruct.studio.ui.arena.DatasetsViewModel",
        "io.arenainstruct.studio.ui.arena.BattlesViewModel",
        "io.arenainstruct.studio.ui.arena.AgreementViewModel",
        "io.arenainstruct.studio.ui.leaderboard.LeaderboardViewModel",
        "io.arenainstruct.studio.ui.export.DuplicatesViewModel",
        "io.arenainstruct.studio.ui.export.ExportViewModel",
    };
    /** The converted view models and their nested classes (records of what a read returns, anonymous edits). */
    private static final String CONVERTED_NAMES = anyOf(CONVERTED) + "(\\$.*)?";

    @ArchTest
    static final ArchRule convertedViewModelsTakeServicesNotTheContextNorARepository = noClasses()
            .that()
            .haveNameMatching(CONVERTED_NAMES)
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.arenainstruct.studio.ui.AppContext")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.arenainstruct.studio.service.workspace.Workspace")
            .because("a view model gets the 1-3 services it uses, so a test can build it without the app");

    /** The most services a view model takes; more means it does two jobs and wants splitting. */
    private static final int MOST_SERVICES = 3;

    @ArchTest
    static final ArchRule convertedViewModelsTakeAtMostThreeServices = constructors()
            .that()
            .areDeclaredInClassesThat()
            .haveNameMatching(anyOf(CONVERTED))
            .should(takeAtMostServices(MOST_SERVICES))
            .because("a view model gets the 1-3 services it uses (plus the task executor and dialogs); one that"
                    + " needs more does two jobs, as Agents & Prompts did before Try became its own view model");

    private static String anyOf(String[] names) {
        return "(" + Arrays.stream(names).map(Pattern::quote).collect(Collectors.joining("|")) + ")";
    }

    private static ArchCondition<JavaConstructor> takeAtMostServices(int most) {
        return new ArchCondition<>("take at most " + most + " services") {
            @Override
            public void check(JavaConstructor constructor, ConditionEvents events) {
                List<String> services = constructor.getRawParameterTypes().stream()
                        .filter(t -> t.getPackageName().startsWith("io.arenainstruct.studio.service"))
                        .map(JavaClass::getSimpleName)
                        .toList();
                boolean ok = services.size() <= most;
                events.add(new SimpleConditionEvent(
                        constructor,
                        ok,
                        constructor.getFullName() + " takes " + services.size() + " services " + services));
            }
        };
    }

    @ArchTest
    static final ArchRule convertedViewModelsNeedNoToolkit = noClasses()
            .that()
            .haveNameMatching(CONVERTED_NAMES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.application..", "javafx.animation..", "javafx.scene..", "javafx.concurrent..")
            .because("results reach the FX thread through the TaskExecutor; timers and controls belong to views");
}
