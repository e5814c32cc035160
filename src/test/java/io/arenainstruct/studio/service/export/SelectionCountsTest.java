package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The counts' sentences, as a curator reads them before an export is written. */
class SelectionCountsTest {

    @Test
    void oneKeptItemGivesRatherThanGive() {
        SelectionCounts one = new SelectionCounts("battles", 1, Map.of(), 1, 1, Map.of(), Map.of());
        assertThat(one.summary()).isEqualTo("1 of 1 battle gives 1 row.");
        SelectionCounts kto = new SelectionCounts("battles", 3, Map.of("were ties", 2L), 1, 2, Map.of(), Map.of());
        assertThat(kto.summary()).isEqualTo("1 of 3 battles gives 2 rows; left out: 2 were ties.");
        SelectionCounts many = new SelectionCounts("instructions", 7, Map.of(), 7, 7, Map.of(), Map.of());
        assertThat(many.summary()).isEqualTo("7 of 7 instructions give 7 rows.");
    }
}
