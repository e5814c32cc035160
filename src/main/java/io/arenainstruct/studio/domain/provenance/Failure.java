package io.arenainstruct.studio.domain.provenance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.ModelCallException;

/**
 * Why an item stopped: the stage it failed at, the reason's class (an {@link ErrorClass} name for a failed model
 * call, or a job's own, e.g. {@code SEED_MISSING}) and the message. {@code S} is the job's name for its stages.
 */
public record Failure<S>(S stage, String errorClass, String message) {
    public Failure {
        Objects.requireNonNull(stage, "stage");
    }

    /**
     * The failure an exception stands for: a failed model call gives its error class, anything else its class's
     * simple name in upper snake case (e.g. {@code ILLEGAL_STATE_EXCEPTION}).
     */
    public static <S> Failure<S> of(S stage, Throwable e) {
        String errorClass = e instanceof ModelCallException m
                ? m.errorClass().name()
                : e.getClass()
                        .getSimpleName()
                        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT);
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new Failure<>(stage, errorClass, message);
    }

    /**
     * The reason's class in a curator's words: the {@link ErrorClass} sentence, else the class name in words
     * ("SEED_MISSING" → "seed missing."), "" when there is no class.
     */
    public String explanation() {
        return Arrays.stream(ErrorClass.values())
                .filter(c -> c.name().equals(errorClass))
                .findFirst()
                .map(ErrorClass::explanation)
                .orElse(errorClass == null ? "" : errorClass.replace('_', ' ').toLowerCase(Locale.ROOT) + ".");
    }

    /**
     * The explanation then the message, without saying it twice: a failure the gateway recorded already starts
     * with the explanation.
     */
    public String describe() {
        String explanation = explanation();
        String detail = message == null ? "" : message.strip();
        if (explanation.isEmpty() || detail.startsWith(explanation)) {
            return detail;
        }
        return (explanation + " " + detail).strip();
    }
}
