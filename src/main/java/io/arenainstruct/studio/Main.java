package io.arenainstruct.studio;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.arenainstruct.studio.cli.Cli;
import io.arenainstruct.studio.ui.StudioApp;

/** Entry point: no command opens the app, a command runs headless (see {@link Cli}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = Cli.run(args, StudioApp::launchWith, out, err);
        System.exit(code);
    }
}
