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
        List<String> a = new ArrayList<>();
        for (Object o : args) {
            a.add(o.toString());
        }
        a.add("--store");
        a.add(store.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(
                a.toArray(String[]::new),
                gui -> {
                    throw new AssertionError("no GUI for a command");
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
