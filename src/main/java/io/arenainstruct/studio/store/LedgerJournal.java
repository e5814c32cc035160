package io.arenainstruct.studio.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;

/**
 * The call ledger's write-ahead journal: one JSON line per finished call, appended (a single write, no
 * fsync) before the caller gets its answer. A write that reached the operating system survives a kill of
 * the process, at a fraction of the cost of an H2 commit; the rows move into the store in batches. A line
 * cut off by a kill does not parse and is ignored: no half-written rows.
 */
final class LedgerJournal {
    static final String FILE = "ledger.journal";
    static final String FLUSHING = "ledger.journal.flushing";
    /** A team store's journals: one per process, {@code ledger-TOKEN.journal}, held by {@code ledger-TOKEN.lock}. */
    static final String PREFIX = "ledger-";

    static final String SUFFIX = ".journal";
    static final String LOCK_SUFFIX = ".lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A journalled call: the ledger row and, for a cache hit, the row that answered it. */
    record Row(LedgerEntry entry, Long cachedFrom) {}

    private final Path file;
    private final Path flushing;
    private FileChannel channel;

    /** The journal in {@code file} (and {@code file.flushing} while it is being flushed). */
    LedgerJournal(Path file) {
        this.file = file;
        this.flushing = file.resolveSibling(file.getFileName() + ".flushing");
    }

    Path file() {
        return file;
    }

    /** Deletes both files (after their rows are in the store). */
    synchronized void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(flushing);
    }

    synchronized void append(Row row) throws IOException {
        if (channel == null) {
            channel = open(file);
        }
        ByteBuffer bytes =
                ByteBuffer.wrap((JSON.writeValueAsString(toJson(row)) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * Moves the journal aside for flushing (appends continue in a new file) and returns the rows it held;
     * a flushing file left by an interrupted flush is taken along.
     */
    synchronized List<Row> rotate() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        List<Row> rows = new ArrayList<>(read(flushing));
        if (Files.exists(file)) {
            rows.addAll(read(file));
            if (Files.exists(flushing)) {
                // Keep both sets of rows until they are in the store: append the journal to the flushing file.
                Files.write(flushing, Files.readAllBytes(file), StandardOpenOption.APPEND);
                Files.delete(file);
            } else {
                Files.move(file, flushing, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return rows;
    }

    /** Called once the rows returned by {@link #rotate()} are committed to the store. */
    synchronized void flushed() throws IOException {
        Files.deleteIfExists(flushing);
    }

    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** The complete rows of a journal file, by id (a row written twice counts once); torn lines are skipped. */
    static List<Row> read(Path path) throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        Map<Long, Row> rows = new TreeMap<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                Row row = fromJson(JSON.readTree(line));
                rows.put(row.entry().id(), row);
            } catch (IOException | RuntimeException torn) {
                // The last line of a journal cut off by a kill: that call never completed for its caller.
            }
        }
        return new ArrayList<>(rows.values());
    }

    private static FileChannel open(Path path) throws IOException {
        FileChannel ch =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        return ch;
    }

    private static ObjectNode toJson(Row row) {
        LedgerEntry e = row.entry();
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.id());
        n.put("hash", e.requestHash());
        n.put("endpoint", e.endpoint());
        n.put("provider", e.provider());
        n.put("model", e.model());
        n.put("request", e.requestJson());
        n.put("reply", e.reply());
        n.put("in", e.tokensIn());
        n.put("out", e.tokensOut());
        n.put("latency_ms", e.latency().toMillis());
        n.put("attempts", e.attempts());
        n.put("outcome", e.outcome());
        n.put("error_class", e.errorClass() == null ? null : e.errorClass().name());
        n.put("error_detail", e.errorDetail());
        n.put("at", e.at().toString());
        if (e.runId() == null) {
            n.putNull("run");
        } else {
            n.put("run", e.runId());
        }
        n.put("step", e.step());
        if (row.cachedFrom() == null) {
            n.putNull("cached_from");
        } else {
            n.put("cached_from", row.cachedFrom());
        }
        n.put("end", true); // written last: a line without it was cut off
        return n;
    }

    private static Row fromJson(JsonNode n) {
        if (!n.path("end").asBoolean(false)) {
            throw new IllegalArgumentException("incomplete journal line");
        }
        String errorClass = text(n, "error_class");
        LedgerEntry e = new LedgerEntry(
                n.get("id").asLong(),
                n.get("hash").asText(),
                n.get("endpoint").asText(),
                n.get("provider").asText(),
                n.get("model").asText(),
                n.get("request").asText(),
                text(n, "reply"),
                n.get("in").asInt(),
                n.get("out").asInt(),
                Duration.ofMillis(n.get("latency_ms").asLong()),
                n.get("attempts").asInt(),
                n.get("outcome").asText(),
                errorClass == null ? null : ErrorClass.valueOf(errorClass),
                text(n, "error_detail"),
                Instant.parse(n.get("at").asText()),
                n.path("run").isNull() ? null : n.get("run").asLong(),
                text(n, "step"));
        Long cachedFrom =
                n.path("cached_from").isNull() || n.path("cached_from").isMissingNode()
                        ? null
                        : n.get("cached_from").asLong();
        return new Row(e, cachedFrom);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
