package io.arenainstruct.studio.domain.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.ModelCallException;

class FailureTest {
    @Test
    void aFailedModelCallGivesItsErrorClassAndMessage() {
        ModelCallException e = new ModelCallException(ErrorClass.TIMEOUT, "120 s", 9, 3, null);
        Failure<String> f = Failure.of("answer", e);
        assertThat(f)
                .isEqualTo(new Failure<>(
                        "answer", "TIMEOUT", "The model did not answer within the endpoint's timeout. (120 s)"));
    }

    @Test
    void anyOtherExceptionGivesItsClassNameInUpperSnakeCase() {
        assertThat(Failure.of("x", new IllegalStateException("boom")))
                .isEqualTo(new Failure<>("x", "ILLEGAL_STATE_EXCEPTION", "boom"));
        // without a message the class's name stands in for it
        assertThat(Failure.of("x", new NullPointerException()))
                .isEqualTo(new Failure<>("x", "NULL_POINTER_EXCEPTION", "NullPointerException"));
    }

    @Test
    void theDescriptionSaysTheExplanationOnce() {
        // as the gateway records it: the message starts with the explanation
        Failure<String> recorded =
                new Failure<>("answer", "TIMEOUT", "The model did not answer within the endpoint's timeout. (120 s)");
        assertThat(recorded.describe()).isEqualTo("The model did not answer within the endpoint's timeout. (120 s)");
        Failure<String> bare = new Failure<>("answer", "TIMEOUT", "after 120 s");
        assertThat(bare.describe()).isEqualTo("The model did not answer within the endpoint's timeout. after 120 s");
        Failure<String> own = new Failure<>("transformation", "SEED_MISSING", "seed 3 was deleted");
        assertThat(own.explanation()).isEqualTo("seed missing.");
        assertThat(own.describe()).isEqualTo("seed missing. seed 3 was deleted");
        assertThat(new Failure<>("x", null, "only a message").describe()).isEqualTo("only a message");
    }

    @Test
    void aFailureNamesItsStage() {
        assertThatThrownBy(() -> new Failure<>(null, "TIMEOUT", "m")).isInstanceOf(NullPointerException.class);
    }
}
