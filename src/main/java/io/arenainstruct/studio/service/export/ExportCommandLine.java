package io.arenainstruct.studio.service.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.arenainstruct.studio.service.curation.CurationOptions;

/**
 * The {@code export} command line that writes what the app's Export area writes, for a dataset card's "Reproduce"
 * section: the same rules, format, dedup and output, quoted for a POSIX shell.
 */
public final class ExportCommandLine {
    /** What a shell takes as one word without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private ExportCommandLine() {}

    /** The words joined into one line, each quoted where a shell needs it. */
    public static String line(List<String> words) {
        return words.stream().map(ExportCommandLine::quoted).collect(Collectors.joining(" "));
    }

    /** One word as a POSIX shell reads it back: as it is when plain, else in single quotes. */
    public static String quoted(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The command's words for a dataset folder written from the app.
     *
     * @param curation the dedup pass, or null for none
     */
    public static List<String> forFolder(
            String program,
            String store,
            SelectionRules r,
            ExportFormat format,
            CurationOptions curation,
            boolean metadata,
            Path folder,
            String license,
            String language) {
        List<String> w = new ArrayList<>(List.of(program, "--store", store, "export"));
        w.addAll(List.of("--format", format.id(), "--select", r.select().id(), "--out", folder.toString(), "--card"));
        if (r.target() != null) {
            w.addAll(List.of("--target", r.target()));
        }
        switch (r.verdicts()) {
            case HUMAN_ONLY -> w.add("--human-only");
            case JUDGE_ONLY -> w.add("--judge-only");
            default -> {}
        }
        if (r.minGap() != null) {
            w.addAll(List.of("--min-gap", number(r.minGap())));
        }
        flag(w, r.strongOnly(), "--strong-only");
        flag(w, !r.consistentOnly(), "--allow-inconsistent");
        flag(w, r.allowTies(), "--ties");
        flag(w, r.allowBothBad(), "--both-bad");
        flag(w, r.bestPairOnly(), "--best-pair");
        flag(w, r.acceptedOnly(), "--accepted-only");
        option(w, "--min-chars", r.minChars());
        option(w, "--max-chars", r.maxChars());
        option(w, "--run", r.runId());
        option(w, "--dataset", r.dataset());
        option(w, "--skill", r.skill());
        option(w, "--category", r.category());
        option(w, "--limit", r.limit());
        option(w, "--iteration", r.iteration());
        if (curation == null) {
            w.add("--no-dedup");
        } else {
            if (!curation.near()) {
                w.add("--no-near");
            } else if (curation.nearThreshold() != CurationOptions.DEFAULT_NEAR_THRESHOLD) {
                w.addAll(List.of("--near", number(curation.nearThreshold())));
            }
            if (curation.semantic()) {
                w.addAll(List.of("--semantic", number(curation.semanticThreshold())));
            }
        }
        flag(w, metadata, "--metadata");
        option(w, "--license", license);
        if (language != null && !language.equals("en")) {
            w.addAll(List.of("--language", language));
        }
        return w;
    }

    private static void flag(List<String> words, boolean on, String name) {
        if (on) {
            words.add(name);
        }
    }

    private static void option(List<String> words, String name, Object value) {
        if (value != null) {
            words.addAll(List.of(name, value.toString()));
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
