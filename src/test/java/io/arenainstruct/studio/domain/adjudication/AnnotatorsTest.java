package io.arenainstruct.studio.domain.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.StoreLocation;

class AnnotatorsTest {
    @Test
    void theNameGivenWinsElseThePostgresqlUserElseNone() {
        StoreLocation team = StoreLocation.parse("postgresql://db.lab/arena?user=dana");
        StoreLocation folder = StoreLocation.parse("some-store");
        assertThat(Annotators.effective(" Ana ", team)).contains("Ana");
        assertThat(Annotators.effective(null, team)).contains("dana");
        assertThat(Annotators.effective("  ", team)).contains("dana");
        assertThat(Annotators.effective(null, folder)).isEmpty();
        assertThat(Annotators.effective("Ana", folder)).contains("Ana");
    }
}
