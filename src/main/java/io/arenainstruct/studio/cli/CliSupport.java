package io.arenainstruct.studio.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Model.CommandSpec;

import io.arenainstruct.studio.domain.Counts;
import io.arenainstruct.studio.domain.run.RunOrigin;
import io.arenainstruct.studio.service.workspace.Workspace;

/** What every command needs: the workspace named by --store, and JSON output. */
final class CliSupport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliSupport() {}

    static Workspace openWorkspace(CommandSpec spec) {
        Cli root = (Cli) spec.root().userObject();
        Workspace ws = Workspace.open(root.storeOrDefault());
        // runs this process executes are recorded as the command line's, so the app's resume offer can say so
        ws.runs().ranBy(RunOrigin.COMMAND_LINE);
        return ws;
    }

    /** A list command's output: a JSON array, or one line per item and a count ("26 seeds"). */
    static <T> void printList(
            PrintWriter out,
            boolean json,
            List<T> items,
            Function<T, Object> toJson,
            Function<T, String> toLine,
            String noun) {
        if (json) {
            printJson(out, items.stream().map(toJson).toList());
        } else {
            items.forEach(item -> out.println(TerminalWriter.oneLine(toLine.apply(item))));
            out.println(count(items.size(), noun));
        }
    }

    /** "1 run", "2 runs": the plural noun given ends in s. */
    static String count(long n, String plural) {
        return Counts.of(n, plural);
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
