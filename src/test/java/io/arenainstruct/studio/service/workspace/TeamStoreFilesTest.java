package io.arenainstruct.studio.service.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.arenainstruct.studio.domain.StoreLocation;

/**
 * The local folder of a team store holds its ledger journals, and a process opening the store moves the journals
 * dead processes left there into it: two stores sharing a folder would take each other's ledger rows.
 */
class TeamStoreFilesTest {
    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private static String folder(String address) {
        return DataDirectories.teamStoreFiles(StoreLocation.parse(address))
                .getFileName()
                .toString();
    }

    @Test
    void databasesWhoseNamesDifferOnlyInPunctuationHaveTheirOwnFolders() {
        assertNotEquals(
                folder("postgresql://db.example/team%20a?user=ann"), folder("postgresql://db.example/team_a?user=ann"));
        assertNotEquals(
                folder("postgresql://db.example/team.a?user=ann"), folder("postgresql://db.example/team:a?user=ann"));
    }

    @Test
    void databasesWhoseNamesDifferOnlyInCaseHaveFoldersThatDifferIgnoringCase() {
        // macOS and Windows file systems ignore case by default; PostgreSQL database names do not
        assertNotEquals(
                folder("postgresql://db.example/Team?user=ann").toLowerCase(Locale.ROOT),
                folder("postgresql://db.example/team?user=ann").toLowerCase(Locale.ROOT));
    }

    @Test
    void longAddressesThatDifferAtTheEndHaveTheirOwnFolders() {
        String longDatabase = "d".repeat(130);
        assertNotEquals(
                folder("postgresql://db.example/" + longDatabase + "?user=ann"),
                folder("postgresql://db.example/" + longDatabase + "?user=bob"));
    }

    @Test
    void oneStoreHasOneFolderWhateverTheTlsSettings() {
        assertEquals(
                folder("postgresql://db.example/team?user=ann"),
                folder("postgresql://db.example:5432/team?user=ann&sslmode=verify-full"));
        Path dir = DataDirectories.teamStoreFiles(StoreLocation.parse("postgresql://db.example/team?user=ann"));
        assertEquals(userData.dir().resolve("team-stores"), dir.getParent());
    }
}
