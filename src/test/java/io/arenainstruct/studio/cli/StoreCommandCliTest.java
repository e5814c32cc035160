package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.store.Store;

/** {@code store copy} as a curator types it: help, usage errors and a refusal, each in a line. */
class StoreCommandCliTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private static CliRun run(String... args) {
        return CliRun.of((Object[]) args);
    }

    @Test
    void helpSaysWhatIsCopiedWhereAndThatTheTargetMustBeNew() {
        CliRun help = run("store", "copy", "--help");

        assertThat(help.code()).isZero();
        // picocli wraps the text at 80 columns
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("Usage: arenainstruct-studio store copy")
                .contains("FROM", "TO")
                .contains("a folder that does not exist yet or is empty, or an empty PostgreSQL database")
                .contains("The source is only read")
                .contains("every table's rows are counted in both stores and must match");
        assertThat(run("store", "--help").out()).contains("copy");
    }

    @Test
    void aMissingTargetOrABadAddressIsAUsageError() {
        assertThat(run("store").code()).isEqualTo(Cli.USAGE);
        CliRun missing = run("store", "copy", tmp.resolve("a").toString());
        assertThat(missing.code()).isEqualTo(Cli.USAGE);
        assertThat(missing.err()).contains("Missing required parameter: 'TO'");
        CliRun address = run("store", "copy", tmp.toString(), "postgresql://db.example.org/studio");
        assertThat(address.code()).isEqualTo(Cli.USAGE);
        assertThat(address.err()).contains("the PostgreSQL address needs the user");
    }

    @Test
    void aTargetHoldingAStoreIsRefusedInASentenceAndNothingIsWritten() throws Exception {
        Path from = tmp.resolve("from");
        Path to = tmp.resolve("to");
        Store.open(from).close();
        Store.open(to).close();
        long size = Files.size(to.resolve("store.mv.db"));

        CliRun refused = run("store", "copy", from.toString(), to.toString());

        assertThat(refused.code()).isEqualTo(Cli.FAILED);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err())
                .endsWith("error: the folder " + to + " is not empty: store copy writes only into a new or empty"
                        + " folder, so nothing in it is overwritten. Nothing was written; name a new folder.\n");
        assertThat(Files.size(to.resolve("store.mv.db"))).isEqualTo(size);
    }
}
