package io.arenainstruct.studio.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.arenainstruct.studio.service.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;

/** What every command needs: the workspace named by --store, and JSON output. */
final class CliSupport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliSupport() {
    }

    static Workspace openWorkspace(CommandSpec spec) {
        Cli root = (Cli) spec.root().userObject();
        return Workspace.open(root.storeOrDefault());
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
