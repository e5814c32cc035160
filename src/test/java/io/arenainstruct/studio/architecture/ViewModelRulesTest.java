package io.arenainstruct.studio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
        "io.arenainstruct.studio.ui.prompts.FlowFileViewModel",
        "io.arenainstruct.studio.ui.refinement.RefinementViewModel",
        "io.arenainstruct.studio.ui.runs.RunsViewModel",
        "io.arenainstruct.studio.ui.runs.RunFormModel",
    };
    /** The converted view models and their nested classes (records of what a read returns, anonymous edits). */
    private static final String CONVERTED_NAMES =
            "(" + Arrays.stream(CONVERTED).map(Pattern::quote).collect(Collectors.joining("|")) + ")(\\$.*)?";

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

    @ArchTest
    static final ArchRule convertedViewModelsNeedNoToolkit = noClasses()
            .that()
            .haveNameMatching(CONVERTED_NAMES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.application..", "javafx.animation..", "javafx.scene..", "javafx.concurrent..")
            .because("results reach the FX thread through the TaskExecutor; timers and controls belong to views");
}
