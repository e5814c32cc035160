package io.arenainstruct.studio.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SeedSelectionTest {
    @Test
    void theCommandLineFormsReadAndWriteBack() {
        assertThat(SeedSelection.parse("unused")).isEqualTo(SeedSelection.unused());
        assertThat(SeedSelection.parse(" UNUSED ").kind()).isEqualTo(SeedSelection.Kind.UNUSED);
        assertThat(SeedSelection.unused()).hasToString("unused");
        assertThat(SeedSelection.parse("all")).hasToString("all");
        assertThat(SeedSelection.parse("tag:x")).hasToString("tag:x");
        assertThat(SeedSelection.parse("3, 7")).isEqualTo(SeedSelection.ids(List.of(3L, 7L)));
        assertThatThrownBy(() -> SeedSelection.parse("fresh"))
                .hasMessage("seeds are 'all', 'unused', 'tag:TAG' or seed ids like 3,7,12; 'fresh' is none of these");
    }
}
