package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExternalIdMatchesTest {
    private static ExternalIdMatches of(Object... datasetAndId) {
        Map<String, Long> byDataset = new LinkedHashMap<>();
        for (int k = 0; k < datasetAndId.length; k += 2) {
            byDataset.put((String) datasetAndId[k], ((Number) datasetAndId[k + 1]).longValue());
        }
        return new ExternalIdMatches("81", byDataset);
    }

    @Test
    void anIdIsAnInstructionOnlyWhenEveryDatasetNamingItAgrees() {
        assertThat(of().instruction()).isEmpty();
        assertThat(of().ambiguous()).isFalse();
        assertThat(of("a", 5, "b", 5).instruction()).contains(5L);
        assertThat(of("a", 5, "b", 5).ambiguous()).isFalse();
        assertThat(of("a", 5, "b", 6).instruction()).isEmpty();
        assertThat(of("a", 5, "b", 6).ambiguous()).isTrue();
    }

    @Test
    void withinKeepsTheNamedDatasetsOnly() {
        ExternalIdMatches two = of("a", 5, "b", 6);
        assertThat(two.within(List.of("b", "z")).instruction()).contains(6L);
        assertThat(two.within(List.of("z")).instruction()).isEmpty();
    }

    @Test
    void theAmbiguityNamesEveryDataset() {
        assertThat(of("a", 5, "b", 6, "c", 5).ambiguity("question id"))
                .isEqualTo(
                        "the question id \"81\" names different instructions in the datasets \"a\", \"b\" and \"c\"");
    }
}
