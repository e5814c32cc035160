package io.arenainstruct.studio.service.seeds;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.arenainstruct.studio.domain.SeedKind;

/** Which files can become seeds, decided by file extension. */
public record SeedFileType(SeedKind kind, String language, boolean jsonl) {
    private static final Map<String, SeedFileType> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", text()),
            Map.entry("text", text()),
            Map.entry("md", new SeedFileType(SeedKind.MARKDOWN, "", false)),
            Map.entry("markdown", new SeedFileType(SeedKind.MARKDOWN, "", false)),
            Map.entry("jsonl", new SeedFileType(SeedKind.JSONL_RECORD, "", true)),
            Map.entry("ndjson", new SeedFileType(SeedKind.JSONL_RECORD, "", true)),
            Map.entry("java", code("java")),
            Map.entry("kt", code("kotlin")),
            Map.entry("scala", code("scala")),
            Map.entry("py", code("python")),
            Map.entry("js", code("javascript")),
            Map.entry("mjs", code("javascript")),
            Map.entry("cjs", code("javascript")),
            Map.entry("jsx", code("javascript")),
            Map.entry("ts", code("typescript")),
            Map.entry("tsx", code("typescript")),
            Map.entry("go", code("go")),
            Map.entry("rs", code("rust")),
            Map.entry("c", code("c")),
            Map.entry("h", code("c")),
            Map.entry("cc", code("cpp")),
            Map.entry("cpp", code("cpp")),
            Map.entry("cxx", code("cpp")),
            Map.entry("hpp", code("cpp")),
            Map.entry("hh", code("cpp")),
            Map.entry("cs", code("csharp")),
            Map.entry("rb", code("ruby")),
            Map.entry("php", code("php")),
            Map.entry("swift", code("swift")),
            Map.entry("sh", code("shell")),
            Map.entry("sql", code("sql")));

    private static SeedFileType text() {
        return new SeedFileType(SeedKind.TEXT, "", false);
    }

    private static SeedFileType code(String language) {
        return new SeedFileType(SeedKind.CODE, language, false);
    }

    public static Optional<SeedFileType> of(Path file) {
        return Optional.ofNullable(BY_EXTENSION.get(extension(file)));
    }

    public static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** For messages: ".c, .cc, …" in a stable order. */
    public static String supportedExtensions() {
        return String.join(
                ", ",
                new TreeSet<>(BY_EXTENSION.keySet()).stream().map(e -> "." + e).toList());
    }
}
