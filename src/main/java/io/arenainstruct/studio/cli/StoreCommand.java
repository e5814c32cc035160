package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.domain.copy.CopyProgress;
import io.arenainstruct.studio.domain.copy.CopyReport;
import io.arenainstruct.studio.service.workspace.StoreCopier;

/** {@code store copy}: moving a workspace between a folder and a team store on PostgreSQL (decision 0026). */
@Command(
        name = "store",
        description = "The workspace store itself: moving it between a folder and a team store on PostgreSQL.",
        subcommands = {StoreCommand.Copy.class})
final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: copy FROM TO");
    }

    @Command(
            name = "copy",
            description = {
                "Copy a whole workspace (seeds, taxonomies, flows, runs and their instructions, battles, verdicts,"
                        + " the call ledger, everything) into a new store: from a folder to a team store on"
                        + " PostgreSQL, back, or between two of the same kind. Ids stay as they are.",
                "TO must be new: a folder that does not exist yet or is empty, or an empty PostgreSQL database"
                        + " (create it first). The source is only read; with a team store, what others save while"
                        + " the copy runs is not in the copy.",
                "Progress goes to stderr; at the end every table's rows are counted in both stores and must match."
                        + " If the copy fails, what it wrote is removed again and the message says so.",
                "--store is not used here: FROM and TO name both stores."
            })
    static final class Copy implements Callable<Integer> {
        /** A progress line inside a big table at most this often. */
        private static final long EVERY_NANOS = 2_000_000_000L;

        @Spec
        CommandSpec spec;

        @Parameters(
                index = "0",
                paramLabel = "FROM",
                converter = Cli.StoreArgument.class,
                description = "The store to copy: a folder, or postgresql://HOST[:PORT]/DATABASE?user=NAME.")
        StoreLocation from;

        @Parameters(
                index = "1",
                paramLabel = "TO",
                converter = Cli.StoreArgument.class,
                description = "The new store: a folder that does not exist yet or is empty, or an empty database,"
                        + " postgresql://HOST[:PORT]/DATABASE?user=NAME (the password from PGPASSWORD or ~/.pgpass).")
        StoreLocation to;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            err.println("copying " + from.display() + " to " + to.display());
            err.flush();
            long[] last = {System.nanoTime()};
            int[] told = {0};
            CopyReport report;
            try {
                report = StoreCopier.copy(from, to, p -> {
                    long now = System.nanoTime();
                    // a table's last line once (an empty one is not told), lines inside a big one every 2 seconds
                    boolean finished = p.tableFinished() && told[0] < p.index() && p.tableTotal() > 0;
                    if (finished || (!p.tableFinished() && p.tableDone() > 0 && now - last[0] >= EVERY_NANOS)) {
                        last[0] = now;
                        if (finished) {
                            told[0] = p.index();
                        }
                        err.println(progressLine(p));
                        err.flush();
                    }
                });
            } catch (StoreCopier.CountsDiffer e) {
                summary(out, e.report());
                throw new Cli.CommandFailure(e.getMessage());
            }
            summary(out, report);
            out.println(String.format(
                    Locale.ROOT,
                    "copied %s, %s; counts match",
                    CliSupport.count(report.tables().size(), "tables"),
                    grouped(report.targetRows(), "rows")));
            return Cli.OK;
        }

        /** "copied battle (12 of 39): 1,000/5,000 rows" while a table is copied and when it is done. */
        static String progressLine(CopyProgress p) {
            return String.format(
                    Locale.ROOT,
                    "%s %s (%d of %d): %,d/%,d rows",
                    p.tableFinished() ? "copied" : "copying",
                    p.table(),
                    p.index(),
                    p.tables(),
                    p.tableDone(),
                    p.tableTotal());
        }

        private static void summary(PrintWriter out, CopyReport report) {
            int width = report.tables().stream()
                    .mapToInt(t -> t.table().length())
                    .max()
                    .orElse(5);
            long empty = 0;
            for (CopyReport.TableCount t : report.tables()) {
                if (t.source() == 0 && t.target() == 0) {
                    empty++;
                    continue;
                }
                out.println(String.format(Locale.ROOT, "%-" + width + "s  %,9d", t.table(), t.target())
                        + (t.matches() ? "" : String.format(Locale.ROOT, "  (the source has %,d)", t.source())));
            }
            if (empty > 0) {
                out.println("(" + CliSupport.count(empty, "tables") + " empty in both)");
            }
        }

        private static String grouped(long n, String plural) {
            String counted = CliSupport.count(n, plural);
            return String.format(Locale.ROOT, "%,d", n) + counted.substring(counted.indexOf(' '));
        }
    }
}
