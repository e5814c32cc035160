package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.arenainstruct.studio.domain.AppInfo;
import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * The headless command line (README.md, "The runnable jar and the command line"). Without a command it hands over to
 * the GUI. Exit codes:
 * 0 done, 1 the command failed, 2 the command line is wrong, 3 some input was rejected (the rest was done).
 */
@Command(
        name = "arenainstruct-studio",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Cli.Version.class,
        description =
                "Curate instruction datasets: seeds, taxonomies, model endpoints, flows and runs. Without a command, "
                        + "opens the app.",
        subcommands = {
            SeedsCommand.class,
            TaxonomyCommand.class,
            ModelsCommand.class,
            LedgerCommand.class,
            FlowsCommand.class,
            RunCommand.class,
            RunsCommand.class,
            InstructionsCommand.class,
            BattlesCommand.class,
            DatasetCommand.class,
            AnswerCommand.class,
            JudgeCommand.class,
            ArenaJobsCommand.class,
            AgreementCommand.class,
            RatingsCommand.class,
            DedupCommand.class,
            ExportCommand.class,
            ReferencesCommand.class,
            LoopCommand.class,
            StoreCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Cli implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int REJECTED = 3;

    @Option(
            names = "--store",
            paramLabel = "STORE",
            scope = CommandLine.ScopeType.INHERIT,
            converter = StoreArgument.class,
            description = "The workspace store: a folder (default: the per-user data folder's default workspace;"
                    + " the app alone reopens the store used last), or a team store on a PostgreSQL server,"
                    + " postgresql://HOST[:PORT]/DATABASE?user=NAME (the password from PGPASSWORD or ~/.pgpass).")
    StoreLocation store;

    private final Consumer<StoreLocation> openGui;

    private Cli(Consumer<StoreLocation> openGui) {
        this.openGui = openGui;
    }

    @Override
    public void run() {
        openGui.accept(store);
    }

    /** The store a command works on. */
    StoreLocation storeOrDefault() {
        return store != null ? store : new StoreLocation.Folder(DataDirectories.defaultStore());
    }

    /** Runs one command line and returns the process exit code. */
    public static int run(String[] args, Consumer<StoreLocation> openGui, PrintWriter rawOut, PrintWriter rawErr) {
        // Every command prints through these, so text from outside cannot steer the terminal (TerminalWriter).
        PrintWriter out = TerminalWriter.wrap(rawOut);
        PrintWriter err = TerminalWriter.wrap(rawErr);
        CommandLine cl = new CommandLine(new Cli(openGui));
        cl.setOut(out);
        cl.setErr(err);
        // Plain help text: colour codes would be shown escaped.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILED);
        cl.setParameterExceptionHandler((e, args1) -> {
            // The reason and where help is, instead of the whole usage text burying the reason.
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            c.getErr().println("see: " + c.getCommandSpec().qualifiedName() + " --help");
            c.getErr().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One line a curator can act on; the stack trace helps nobody here.
            String message = Workspace.storeProblem(e) || e instanceof CommandFailure
                    ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            commandLine.getErr().println("error: " + message);
            commandLine.getErr().flush();
            return FAILED;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A {@code --store} value: a folder, or a PostgreSQL address checked here (a bad one is a usage error). */
    static final class StoreArgument implements CommandLine.ITypeConverter<StoreLocation> {
        @Override
        public StoreLocation convert(String value) {
            try {
                return StoreLocation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version()};
        }
    }

    /** A failure whose message is already written for the user. */
    static final class CommandFailure extends RuntimeException {
        CommandFailure(String message) {
            super(message);
        }
    }
}
