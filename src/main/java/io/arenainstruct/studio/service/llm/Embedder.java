package io.arenainstruct.studio.service.llm;

import java.util.List;

/**
 * Turns texts into vectors of unit length, so that a dot product is a cosine similarity. {@link SentenceEmbedder}
 * is the real one; tests give vectors by hand.
 */
public interface Embedder {
    /** What a dropped item's reason calls the model, e.g. "all-MiniLM-L6-v2". */
    String name();

    /** One unit-length vector per text, in the texts' order, all of the same length. */
    float[][] embed(List<String> texts);
}
