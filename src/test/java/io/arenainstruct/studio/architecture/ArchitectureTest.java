package io.arenainstruct.studio.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

import io.arenainstruct.studio.service.workspace.Workspace;

/** The layering of docs/ARCHITECTURE.md: ui → cli → service → store → domain, and no JavaFX below ui. */
@AnalyzeClasses(packages = "io.arenainstruct.studio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noUiToolkitBelowTheUi = noClasses()
            .that()
            .resideInAnyPackage("..domain..", "..store..", "..service..", "..cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..", "..ui..")
            .because("only the ui layer may use JavaFX; the cli runs headless over the same services");

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..store..", "..service..", "..cli..", "java.sql..")
            .because("the domain holds plain records and enums");

    @ArchTest
    static final ArchRule storeDependsOnlyOnDomain = noClasses()
            .that()
            .resideInAPackage("..store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..service..", "..cli..");

    @ArchTest
    static final ArchRule serviceDoesNotKnowTheCli = noClasses()
            .that()
            .resideInAPackage("..service..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..cli..");

    @ArchTest
    static final ArchRule onlyTheStoreTalksJdbc = noClasses()
            .that()
            .resideInAnyPackage("..domain..", "..service..", "..cli..", "..ui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.h2..", "org.flywaydb..")
            .because("the store is the only code that writes SQL (docs/ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule langchain4jStaysInsideTheModelGateway = noClasses()
            .that()
            .resideOutsideOfPackage("..service.llm..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.langchain4j..")
            .because("our own domain types cross the boundary; langchain4j types stay inside the model gateway");

    @ArchTest
    static final ArchRule areasDoNotKnowEachOther = slices().matching("io.arenainstruct.studio.ui.(*)..")
            .namingSlices("ui area $1")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAnyPackage("..ui.common..", "..ui.shell..", "..ui.task.."))
            .because("an area reaches another only through Navigation, so each can change or go on its own");

    @ArchTest
    static final ArchRule onlyTheCommandLinePrints = noClasses()
            .that()
            .resideOutsideOfPackage("..cli..")
            .and()
            .doNotHaveFullyQualifiedName("io.arenainstruct.studio.Main")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("the app reports through its views and the log; only commands write to the terminal, escaped"
                    + " by TerminalWriter");

    @ArchTest
    static final ArchRule theUiAndTheCommandLineUseServicesNotTheStore = noClasses()
            .that()
            .resideInAnyPackage("..ui..", "..cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..store..")
            .because("views, view models and commands go through the services the Workspace hands out; a repository"
                    + " used from above would bypass their checks and their one place for each rule");

    @ArchTest
    static final ArchRule theWorkspaceHandsOutServicesNotRepositories = noMethods()
            .that()
            .areDeclaredIn(Workspace.class)
            .and()
            .arePublic()
            .should()
            .haveRawReturnType(resideInAPackage("..store.."))
            .because("what the Workspace hands out is what the ui and the cli build on; a repository handed out"
                    + " would let them bypass the services (tests reach repositories through WorkspaceRepositories)");
}
