package io.arenainstruct.studio.service.run;

import java.nio.file.Path;
import java.util.List;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * The child process of {@link KillDuringRunTest}: {@code STORE BASE_URL start} starts a run of the fixture skill
 * over its seeds, {@code STORE BASE_URL resume ID} resumes one. Prints {@code RUN id}, {@code DONE instructionId}
 * for every instruction that completed, and {@code FINISHED status} at the end ({@code REFUSED why} when the
 * run cannot be started or resumed). STORE is a folder or a {@code postgresql://} address.
 */
public final class RunChildMain {
    private RunChildMain() {}

    public static void main(String[] args) {
        try (Workspace ws = open(args[0])) {
            if (!args[1].equals("-")) { // "-": installed already, as it is
                RunFixture.install(ws, args[1], 12, 4);
            }
            RunHandle run = args[2].equals("start")
                    ? ws.runs()
                            .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                                    .withPerSeed(3))
                    : ws.runs().resume(Long.parseLong(args[3]));
            System.out.println("RUN " + run.runId());
            run.onInstruction(i -> {
                if (i.status() == InstructionStatus.COMPLETE) {
                    System.out.println("DONE " + i.id());
                }
            });
            RunStatus status = run.run();
            System.out.println("FINISHED " + status.id());
        } catch (IllegalArgumentException refused) {
            System.out.println("REFUSED " + refused.getMessage());
        }
        System.exit(0);
    }

    /** A store folder, or a team store's {@code postgresql://} address (the password from PGPASSWORD). */
    static Workspace open(String store) {
        if (PostgresqlLocation.isAddress(store)) {
            KeyResolver keys = new KeyResolver(Path.of(System.getProperty("java.io.tmpdir"), "no-secrets"), n -> null);
            return Workspace.open(PostgresqlLocation.parse(store), keys, RetryPolicy.DEFAULT);
        }
        Path folder = Path.of(store);
        return Workspace.open(
                folder, new KeyResolver(folder.resolveSibling("secrets.properties"), n -> null), RetryPolicy.DEFAULT);
    }
}
