package io.arenainstruct.studio.ui.refinement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.ui.HostileText;

/** The Refinement header's final-text line: short, and a bidi override in the text cannot reorder it. */
class FinalLineTest {

    @Test
    void theFinalTextLineShowsBidiControlsAsMarksAndStaysShort() {
        String line = RefinementView.finalLine(
                new FinalText(HostileText.overridden(200_000, 1), null, "answer", 0, false, null, null));
        assertThat(line).contains("[U+202E]").doesNotContain("\u202E");
        assertThat(line.length()).isLessThan(200);
    }
}
