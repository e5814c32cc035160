package io.arenainstruct.studio.service.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 sentence embeddings, quantized, run in this process by ONNX Runtime, for the semantic duplicates
 * of service.curation (decision 0014): the model (23 MB) and its tokenizer come inside langchain4j's jar, so there
 * is no server to start and nothing to download. The only class that knows langchain4j's embedding API; it lives
 * here because langchain4j stays inside the model gateway package.
 *
 * <p>The model is loaded once, on first use, by the thread that first asks (about a second); callers are services
 * on worker threads, never the FX thread.
 */
public final class SentenceEmbedder implements Embedder {
    public static final String MODEL = "all-MiniLM-L6-v2";
    /** Texts handed to the model at a time: bounds what langchain4j holds (a future and a response per text). */
    private static final int BATCH = 256;
    /**
     * DJL (the tokenizer's runtime) looks for CUDA when it loads and logs a warning and a note each time; this model
     * runs on the CPU, and the lines would land in a command's error output. A field: the logging API holds loggers
     * only weakly, and a collected one forgets its level.
     */
    private static final Logger DJL_LOG = Logger.getLogger("ai.djl");

    private final EmbeddingModel model;

    private SentenceEmbedder() {
        DJL_LOG.setLevel(Level.SEVERE);
        model = new AllMiniLmL6V2QuantizedEmbeddingModel(daemonPool());
    }

    /** The one instance, loaded on the first call (the holder idiom makes that thread safe without a lock). */
    public static SentenceEmbedder shared() {
        return Holder.INSTANCE;
    }

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = new ArrayList<>(BATCH);
            for (String t : texts.subList(from, Math.min(texts.size(), from + BATCH))) {
                batch.add(TextSegment.from(t));
            }
            List<Embedding> embedded = model.embedAll(batch).content();
            for (int i = 0; i < embedded.size(); i++) {
                vectors[from + i] = unit(embedded.get(i).vector());
            }
        }
        return vectors;
    }

    /** The vector scaled to length 1 (the model's output nearly is; this makes a dot product a cosine). */
    static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            return v;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * scale;
        }
        return u;
    }

    /** langchain4j's default pool is of non-daemon threads; these must not keep a command's JVM alive. */
    private static ExecutorService daemonPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "sentence-embedder-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static final class Holder {
        static final SentenceEmbedder INSTANCE = new SentenceEmbedder();
    }
}
