package io.arenainstruct.studio.service.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    @TempDir
    Path tmp;

    @Test
    void windowPlacementThemeAndStoresSurviveASaveAndLoad() {
        SettingsFile file = new SettingsFile(tmp.resolve("data/settings.json"));
        UserSettings s = file.load();
        assertThat(s.lastStore).isNull();
        assertThat(s.refinementMoveOn).as("Refinement moves on by default").isTrue();
        s.refinementMoveOn = false;
        s.windowX = 40;
        s.windowY = 60;
        s.windowWidth = 1000;
        s.windowHeight = 700;
        s.darkTheme = true;
        s.rememberStore("/a");
        s.rememberStore("/b");
        s.rememberStore("/a");
        file.save(s);

        UserSettings back = new SettingsFile(tmp.resolve("data/settings.json")).load();
        assertThat(back.windowX).isEqualTo(40);
        assertThat(back.windowY).isEqualTo(60);
        assertThat(back.windowWidth).isEqualTo(1000);
        assertThat(back.windowHeight).isEqualTo(700);
        assertThat(back.darkTheme).isTrue();
        assertThat(back.refinementMoveOn).isFalse();
        assertThat(back.lastStore).isEqualTo("/a");
        assertThat(back.recentStores).containsExactly("/a", "/b");
    }

    @Test
    void aSaveLeavesNoTemporaryFileBehindAndABrokenFileFallsBackToDefaults() throws Exception {
        Path path = tmp.resolve("settings.json");
        SettingsFile file = new SettingsFile(path);
        file.save(new UserSettings());
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
        Files.writeString(path, "{ not json");
        UserSettings defaults = file.load();
        assertThat(defaults.windowWidth).isEqualTo(1280);
        assertThat(defaults.darkTheme).isFalse();
    }
}
