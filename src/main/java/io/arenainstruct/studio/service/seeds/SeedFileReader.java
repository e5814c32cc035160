package io.arenainstruct.studio.service.seeds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.Tags;

/**
 * Turns one file into seeds, or into reasons why not. Never throws for bad input: every problem becomes a
 * rejection a curator can act on.
 */
final class SeedFileReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The seeds read from one file and the problems found in it. */
    record Result(List<NewSeed> seeds, List<ImportReport.Rejection> rejections) {}

    private final ImportOptions options;

    SeedFileReader(ImportOptions options) {
        this.options = options;
    }

    Result read(Path file) {
        String shown = options.shown(file);
        Optional<SeedFileType> type = SeedFileType.of(file);
        if (type.isEmpty()) {
            String ext = SeedFileType.extension(file);
            return rejected(
                    shown,
                    (ext.isEmpty() ? "a file without an extension" : "the file type ." + ext)
                            + " is not supported; supported are " + SeedFileType.supportedExtensions());
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > options.maxBytes()) {
                return rejected(
                        shown,
                        "the file is " + megabytes(size) + ", over the " + megabytes(options.maxBytes())
                                + " limit (raise the size limit to import it)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return rejected(shown, "cannot read it: the file does not exist (or is a broken link)");
        } catch (AccessDeniedException e) {
            return rejected(shown, "cannot read it: permission denied");
        } catch (IOException e) {
            return rejected(shown, "cannot read it: " + e.getMessage());
        }
        if (bytes.length == 0) {
            return rejected(shown, "the file is empty");
        }
        for (int i = 0; i < Math.min(bytes.length, 1 << 16); i++) {
            if (bytes[i] == 0) {
                return rejected(shown, "this looks like a binary file (it contains NUL bytes), not text");
            }
        }
        String text;
        try {
            text = decodeUtf8(bytes);
        } catch (BadUtf8 e) {
            return rejected(
                    shown,
                    "the file is not valid UTF-8 (bad byte at line " + e.line + ", byte offset " + e.offset
                            + "); save it as UTF-8 and import it again");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return rejected(shown, "the file holds only white space");
        }
        SeedFileType t = type.get();
        String name = file.getFileName().toString();
        if (t.jsonl()) {
            return readJsonl(shown, name, text);
        }
        return new Result(List.of(NewSeed.of(name, shown, t.kind(), t.language(), tags(), text)), List.of());
    }

    private Result readJsonl(String shown, String name, String text) {
        List<NewSeed> seeds = new ArrayList<>();
        List<ImportReport.Rejection> rejections = new ArrayList<>();
        String field = options.textField();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            String where = shown + ":" + lineNo;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                rejections.add(new ImportReport.Rejection(
                        where, "line " + lineNo + " is not valid JSON (" + e.getOriginalMessage() + ")"));
                continue;
            }
            if (node == null || !node.isObject()) {
                rejections.add(new ImportReport.Rejection(where, "line " + lineNo + " is not a JSON object"));
                continue;
            }
            JsonNode value = node.get(field);
            if (value == null) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                rejections.add(new ImportReport.Rejection(
                        where,
                        "line " + lineNo + " has no field \"" + field + "\" (it has: " + String.join(", ", names)
                                + "); choose the text field to import"));
                continue;
            }
            if (!value.isTextual()) {
                rejections.add(new ImportReport.Rejection(
                        where, "line " + lineNo + ": field \"" + field + "\" is not a string"));
                continue;
            }
            if (value.asText().isBlank()) {
                rejections.add(
                        new ImportReport.Rejection(where, "line " + lineNo + ": field \"" + field + "\" is empty"));
                continue;
            }
            seeds.add(NewSeed.of(name + ":" + lineNo, where, SeedKind.JSONL_RECORD, "", tags(), value.asText()));
        }
        if (seeds.isEmpty() && rejections.isEmpty()) {
            rejections.add(new ImportReport.Rejection(shown, "the file has no JSON lines"));
        }
        return new Result(seeds, rejections);
    }

    private List<String> tags() {
        return options.tags().stream()
                .map(Tags::normalize)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private static Result rejected(String path, String reason) {
        return new Result(List.of(), List.of(new ImportReport.Rejection(path, reason)));
    }

    /** "5 MB", "1.5 MB", "12 KB", "300 bytes": precise enough to compare a file with the limit. */
    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        if (mb >= 0.1) {
            return mb == Math.rint(mb)
                    ? String.format(Locale.ROOT, "%.0f MB", mb)
                    : String.format(Locale.ROOT, "%.1f MB", mb);
        }
        return bytes >= 1024 ? String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0) : bytes + " bytes";
    }

    private static final class BadUtf8 extends Exception {
        final int offset;
        final int line;

        BadUtf8(int offset, int line) {
            super(null, null, false, false);
            this.offset = offset;
            this.line = line;
        }
    }

    private static String decodeUtf8(byte[] bytes) throws BadUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new BadUtf8(offset, line);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
