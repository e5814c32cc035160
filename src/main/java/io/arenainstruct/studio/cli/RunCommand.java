package io.arenainstruct.studio.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.workspace.Workspace;

@Command(
        name = "run",
        description = "Run the AgentInstruct flows of skills over seeds (progress on stderr; exit 0 when"
                + " the run completed).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--skill",
            required = true,
            split = ",",
            paramLabel = "SKILL",
            description = "Skill ids, comma-separated (see: taxonomy list).")
    List<String> skills;

    @Option(
            names = "--seeds",
            required = true,
            paramLabel = "all|unused|tag:TAG|ID[,ID...]",
            description = "Which seeds: all, those no run made a passage from yet, those with a tag, or seed ids.")
    String seeds;

    @Option(
            names = "--endpoint",
            required = true,
            paramLabel = "NAME",
            description = "The run's endpoint (see: models list).")
    String endpoint;

    @Option(
            names = "--role-endpoint",
            paramLabel = "ROLE=NAME",
            description = "Another endpoint for one role: transformer, generator, suggester, editor, answerer.")
    Map<String, String> roleEndpoints = Map.of();

    @Option(names = "--rounds", paramLabel = "N", description = "Refinement rounds (default: each flow's own).")
    Integer rounds;

    @Option(
            names = "--per-seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Instructions per transformed passage (default ${DEFAULT-VALUE}).")
    int perSeed;

    @Option(names = "--fresh", description = "Ask the models again even for requests an earlier run already made.")
    boolean fresh;

    @Option(
            names = "--again",
            description = "Repeat a completed run with the same settings: the call ledger answers"
                    + " every call and its instructions are copied (without this, such a run is refused).")
    boolean again;

    @Option(
            names = "--random-seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seeds the random choices of agents and categories (default ${DEFAULT-VALUE}).")
    long randomSeed;

    @Override
    public Integer call() {
        RunConfig config = config();
        try (Workspace ws = CliSupport.openWorkspace(spec)) {
            try {
                if (!again) {
                    Optional<Long> repeated = ws.runs().repeatedRun(config);
                    if (repeated.isPresent()) {
                        spec.commandLine()
                                .getErr()
                                .println("rejected: this repeats run " + repeated.get()
                                        + " (same skills, seeds, prompts and models: the call ledger would answer "
                                        + "every call"
                                        + " and copy its instructions); add --fresh to ask the models again or "
                                        + "--again to"
                                        + " repeat it");
                        spec.commandLine().getErr().flush();
                        return Cli.REJECTED;
                    }
                }
                return RunProgressPrinter.execute(
                        ws.runs().start(config),
                        ws,
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            } catch (RunService.RunRefused e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println("rejected: " + p));
                spec.commandLine().getErr().flush();
                return Cli.REJECTED;
            }
        }
    }

    private RunConfig config() {
        if (perSeed < 1 || perSeed > RunConfig.MAX_PER_SEED) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--per-seed is 1 to " + RunConfig.MAX_PER_SEED);
        }
        if (rounds != null && (rounds < 0 || rounds > RunConfig.MAX_ROUNDS)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds is 0 to " + RunConfig.MAX_ROUNDS);
        }
        SeedSelection selection;
        try {
            selection = SeedSelection.parse(seeds);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<AgentRole, String> roles = new EnumMap<>(AgentRole.class);
        roleEndpoints.forEach((role, name) -> {
            try {
                roles.put(AgentRole.valueOf(role.strip().toUpperCase(Locale.ROOT)), name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "'" + role + "' is not a role; roles are"
                                + " transformer, generator, suggester, editor, answerer");
            }
        });
        return new RunConfig(
                skills.stream().map(String::strip).toList(),
                selection,
                endpoint,
                roles,
                rounds,
                perSeed,
                fresh,
                randomSeed);
    }
}
