package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One command run in-process on a store, as a test sees it: exit code, standard output, standard error. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code args} (each turned into a string) with {@code --store store}; a command must not open the app. */
    public static CliRun on(Path store, Object... args) {
        List<Object> a = new ArrayList<>(List.of(args));
        a.add("--store");
        a.add(store);
        return of(a.toArray());
    }

    /** Runs {@code args} as they are (a command naming its stores itself, as {@code store copy} does). */
    public static CliRun of(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(
                a,
                gui -> {
                    throw new AssertionError("no GUI for a command");
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
