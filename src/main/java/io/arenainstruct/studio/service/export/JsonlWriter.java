package io.arenainstruct.studio.service.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.export.Message.Role;
import io.arenainstruct.studio.service.files.TextFiles;

/**
 * Writes rows as JSONL in one {@link ExportFormat}: one compact JSON object per line, UTF-8 (not escaped to ASCII),
 * each line ended by {@code "\n"}, keys in a fixed order and the rows in the order given, so the same rows give the
 * same bytes. Every row is checked by {@link RowRules} before it is written; a row that breaks them stops the export.
 */
public final class JsonlWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportFormat format;
    private final boolean metadata;

    /** @param metadata whether each row carries its {@code metadata} object (last, after the format's keys) */
    public JsonlWriter(ExportFormat format, boolean metadata) {
        this.format = format;
        this.metadata = metadata;
    }

    /** A row that breaks its format's rules; {@code index} counts rows from 1. */
    public static final class BadRow extends IOException {
        private final long index;

        BadRow(long index, String problem) {
            super("row " + index + ": " + problem);
            this.index = index;
        }

        public long index() {
            return index;
        }
    }

    /**
     * Streams the rows into {@code file} (see {@link TextFiles#writeAtomically(Path, boolean, TextFiles.Content)}):
     * the file appears whole at the end or not at all, and an existing one is replaced only with {@code replace}
     * (else {@link java.nio.file.FileAlreadyExistsException} naming it). Rows are taken one at a time, so memory stays
     * bounded whatever their number.
     *
     * @return the number of rows written
     */
    public long write(Path file, Iterator<? extends ExportRow> rows, boolean replace) throws IOException {
        long[] written = {0};
        TextFiles.writeAtomically(file, replace, out -> written[0] = write(out, rows));
        return written[0];
    }

    /** Writes the rows to {@code out} (left open), returning how many; stops with {@link BadRow} at a broken one. */
    public long write(OutputStream out, Iterator<? extends ExportRow> rows) throws IOException {
        long n = 0;
        try (JsonGenerator g = generator(out)) {
            while (rows.hasNext()) {
                ExportRow row = rows.next();
                n++;
                String problem = RowRules.problem(format, row, metadata);
                if (problem != null) {
                    throw new BadRow(n, problem);
                }
                row(g, row);
                g.writeRaw('\n');
            }
        }
        return n;
    }

    /** One row as its line, without the {@code "\n"}: for a sample shown to the curator, and for tests. */
    public String line(ExportRow row) throws IOException {
        String problem = RowRules.problem(format, row, metadata);
        if (problem != null) {
            throw new BadRow(1, problem);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = generator(bytes)) {
            row(g, row);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8);
        // Lines are ended by hand; Jackson's default space between root values would start each line with one.
        g.setRootValueSeparator(null);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    private void row(JsonGenerator g, ExportRow row) throws IOException {
        g.writeStartObject();
        switch (format) {
            case OPENAI -> {
                g.writeArrayFieldStart("messages");
                for (Message m : withInput((ExportRow.Sft) row)) {
                    message(g, m.role().id(), m.content());
                }
                g.writeEndArray();
            }
            case SHAREGPT -> {
                g.writeArrayFieldStart("conversations");
                for (Message m : withInput((ExportRow.Sft) row)) {
                    g.writeStartObject();
                    g.writeStringField("from", shareGptRole(m.role()));
                    g.writeStringField("value", m.content());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case ALPACA -> {
                ExportRow.Sft sft = (ExportRow.Sft) row;
                g.writeStringField("instruction", sft.conversation().get(0).content());
                g.writeStringField("input", hasInput(sft) ? sft.input() : "");
                g.writeStringField("output", sft.conversation().get(1).content());
            }
            case DPO -> {
                ExportRow.Preference p = (ExportRow.Preference) row;
                g.writeStringField("prompt", p.prompt().get(0).content());
                g.writeStringField("chosen", p.chosen());
                g.writeStringField("rejected", p.rejected());
            }
            case DPO_CHAT -> {
                ExportRow.Preference p = (ExportRow.Preference) row;
                g.writeArrayFieldStart("prompt");
                for (Message m : p.prompt()) {
                    message(g, m.role().id(), m.content());
                }
                g.writeEndArray();
                answer(g, "chosen", p.chosen());
                answer(g, "rejected", p.rejected());
            }
            case KTO -> {
                ExportRow.Unpaired u = (ExportRow.Unpaired) row;
                g.writeStringField("prompt", u.prompt().get(0).content());
                g.writeStringField("completion", u.completion());
                g.writeBooleanField("label", u.label());
            }
        }
        if (metadata) {
            g.writeFieldName("metadata");
            g.writeObject(row.metadata());
        }
        g.writeEndObject();
    }

    private static void message(JsonGenerator g, String role, String content) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        g.writeStringField("content", content);
        g.writeEndObject();
    }

    /** TRL's conversational preference: each answer as a list holding one assistant message. */
    private static void answer(JsonGenerator g, String field, String content) throws IOException {
        g.writeArrayFieldStart(field);
        message(g, Role.ASSISTANT.id(), content);
        g.writeEndArray();
    }

    private static String shareGptRole(Role role) {
        return switch (role) {
            case SYSTEM -> "system";
            case USER -> "human";
            case ASSISTANT -> "gpt";
        };
    }

    private static boolean hasInput(ExportRow.Sft sft) {
        return sft.input() != null && !sft.input().isBlank();
    }

    /** The chat formats have no input field: it joins the first user turn after a blank line, as the arena's prompt. */
    private static List<Message> withInput(ExportRow.Sft sft) {
        if (!hasInput(sft)) {
            return sft.conversation();
        }
        List<Message> turns = new ArrayList<>(sft.conversation());
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).role() == Role.USER) {
                turns.set(i, Message.user(turns.get(i).content() + "\n\n" + sft.input()));
                break;
            }
        }
        return turns;
    }
}
