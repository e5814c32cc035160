package io.arenainstruct.studio.service.arena;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.service.arena.DatasetImportReport.FileFormat;
import io.arenainstruct.studio.service.arena.DatasetImportReport.Rejection;
import io.arenainstruct.studio.service.arena.formats.BadLine;
import io.arenainstruct.studio.service.arena.formats.DatasetFormat;
import io.arenainstruct.studio.service.arena.formats.FormatDetector;
import io.arenainstruct.studio.service.arena.formats.JsonLines;
import io.arenainstruct.studio.service.arena.formats.Row;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;

/**
 * Imports instruction datasets (decision 0010): files in any of the {@link DatasetFormat}s, read line by line.
 * A bad line is reported with its file and line and costs nothing else; good lines are stored in batches, each one
 * transaction, so a cancel keeps every batch that finished. Arena-Hard answers meet their questions by uid, in
 * the files given (in any order) or already stored; they are held until every file has been read. Datasets reuse
 * uids, so a uid is looked up only in the dataset being imported (the one named, else those the files' questions
 * went into); an import of answers alone, unnamed, looks in every dataset and rejects a uid they disagree on.
 */
public final class DatasetService {
    private static final int BATCH = 500;
    private static final int PROGRESS_LINES = 1000;
    /** Lines looked at, at most, to find the first JSON objects detection reads. */
    private static final int DETECTION_SCAN = 50;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ArenaRepository arena;
    private final VerdictChanges verdictChanges;

    /**
     * @param verdictChanges told after an import that stored anything: questions and answers can complete battles
     *                       imported before them (attached, answers filled in, verdicts merged), which the ratings
     *                       count
     */
    public DatasetService(ArenaRepository arena, VerdictChanges verdictChanges) {
        this.arena = arena;
        this.verdictChanges = verdictChanges;
    }

    /** The datasets with their instruction and response counts, oldest first. */
    public List<ArenaDataset> list() {
        return arena.datasets();
    }

    /**
     * Imports the files.
     *
     * @param format       the files' format, or null to detect each file's own
     * @param name         the dataset the instructions join; null for a default per file (an Arena-Hard question
     *                     file's benchmark name, else the file's name without its extension)
     * @param defaultModel the model of responses whose line names none; null if none was named
     */
    public DatasetImportReport importFiles(
            List<Path> files,
            DatasetFormat format,
            String name,
            String defaultModel,
            ProgressListener progress,
            Cancellation cancellation) {
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw new IllegalArgumentException("a dataset name must have 1 to 200 characters");
        }
        Run run = new Run(name, blankToNull(defaultModel), progress, cancellation, totalBytes(files));
        try {
            for (Path file : files) {
                if (cancellation.isCancelled()) {
                    run.cancelled = true;
                    break;
                }
                run.importFile(file, format);
            }
            run.storeAnswers();
        } finally {
            // after the commits, even when a later batch failed: what was stored may have completed battles
            if (run.stored) {
                verdictChanges.changed();
            }
        }
        progress.progress(run.total, run.total, run.cancelled ? "Cancelled" : "Done");
        return new DatasetImportReport(
                run.instructions,
                run.responses,
                run.instructionsPresent,
                run.responsesPresent,
                run.rejections,
                run.formats,
                run.cancelled);
    }

    private static long totalBytes(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // reported when the file is read
            }
        }
        return total;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** An Arena-Hard answer waiting for its question. */
    private record PendingAnswer(String file, int line, String uid, ItemResponse response) {}

    /** One import's state. */
    private final class Run {
        final String name;
        final String defaultModel;
        final ProgressListener progress;
        final Cancellation cancellation;
        final long total;
        final List<Rejection> rejections = new ArrayList<>();
        final List<FileFormat> formats = new ArrayList<>();
        /** This import's questions: by uid, the instruction each dataset gave it. */
        final Map<String, Map<String, Long>> questionsByUid = new HashMap<>();
        /** The datasets this import's questions went into, which the store is searched in for answers. */
        final Set<String> datasets = new LinkedHashSet<>();
        /** Stored questions, by uid, as the store had them when first looked up. */
        final Map<String, ExternalIdMatches> storedByUid = new HashMap<>();

        final List<PendingAnswer> answers = new ArrayList<>();
        long doneBytes;
        int instructions;
        int responses;
        int instructionsPresent;
        int responsesPresent;
        boolean cancelled;
        /** A batch went to the store: it may have attached, filled in or merged battles imported before. */
        boolean stored;

        Run(String name, String defaultModel, ProgressListener progress, Cancellation cancellation, long total) {
            this.name = name;
            this.defaultModel = defaultModel;
            this.progress = progress;
            this.cancellation = cancellation;
            this.total = total;
        }

        void importFile(Path file, DatasetFormat given) {
            String shown = file.toString();
            Optional<String> unreadable = unreadable(file);
            if (unreadable.isPresent()) {
                rejections.add(new Rejection(shown, 0, unreadable.get()));
                return;
            }
            DatasetFormat format = given;
            try {
                if (format == null) {
                    FormatDetector.Detection detection = FormatDetector.detect(firstObjects(file));
                    if (!detection.found()) {
                        rejections.add(new Rejection(shown, 0, detection.problem()));
                        return;
                    }
                    format = detection.format();
                }
                formats.add(new FileFormat(shown, format.id(), given == null));
                readLines(file, shown, format);
            } catch (IOException e) {
                rejections.add(new Rejection(shown, 0, "cannot read it: " + e.getMessage()));
            }
        }

        private void readLines(Path file, String shown, DatasetFormat format) throws IOException {
            String dataset = name;
            List<Item> batch = new ArrayList<>();
            int read = 0;
            try (JsonLines lines = new JsonLines(file)) {
                JsonLines.Line line;
                while ((line = lines.next()) != null) {
                    if (cancellation.isCancelled()) {
                        cancelled = true;
                        break;
                    }
                    if (line.number() % PROGRESS_LINES == 0) {
                        progress.progress(doneBytes + lines.consumed(), total, shown + ": line " + line.number());
                    }
                    if (line.problem() == null && line.text().isBlank()) {
                        continue;
                    }
                    read++;
                    if (line.problem() != null) {
                        rejections.add(new Rejection(shown, line.number(), line.problem()));
                        continue;
                    }
                    try {
                        JsonNode node = parse(line.text());
                        Row row = format.read(node, defaultModel);
                        if (row instanceof Row.InstructionRow i) {
                            if (dataset == null) {
                                dataset = defaultName(file, format, node);
                            }
                            batch.add(new Item(i.instruction(), i.externalId(), i.responses()));
                            for (String problem : i.problems()) {
                                rejections.add(new Rejection(shown, line.number(), problem));
                            }
                        } else if (row instanceof Row.AnswerRow a) {
                            answers.add(new PendingAnswer(shown, line.number(), a.uid(), a.response()));
                        }
                    } catch (BadLine e) {
                        rejections.add(new Rejection(shown, line.number(), e.reason()));
                    }
                    if (batch.size() >= BATCH) {
                        store(dataset, format, batch);
                        batch.clear();
                        progress.progress(doneBytes + lines.consumed(), total, shown + ": line " + line.number());
                    }
                }
                // what was read before a cancel is finished work: it is stored
                store(dataset, format, batch);
                doneBytes += lines.consumed();
            }
            if (read == 0 && !cancelled) {
                rejections.add(new Rejection(shown, 0, "the file has nothing to import: it is empty or blank"));
            }
        }

        private void store(String dataset, DatasetFormat format, List<Item> batch) {
            if (batch.isEmpty()) {
                return;
            }
            ArenaRepository.Added added = arena.add(dataset, format.id(), batch);
            stored = true;
            datasets.add(dataset);
            int read = 0;
            for (int k = 0; k < batch.size(); k++) {
                Item item = batch.get(k);
                read += item.responses().size();
                if (item.externalId() != null) {
                    questionsByUid
                            .computeIfAbsent(item.externalId(), uid -> new TreeMap<>())
                            .putIfAbsent(dataset, added.instructionIds().get(k));
                }
            }
            instructions += added.instructions();
            instructionsPresent += batch.size() - added.instructions();
            responses += added.responses();
            responsesPresent += read - added.responses();
        }

        /**
         * Arena-Hard answers, now that every question of the files is stored. After a cancel, those whose question
         * is stored are kept (finished work) and the others dropped unreported: their question may be in a file
         * not read.
         */
        void storeAnswers() {
            boolean afterCancel = cancelled;
            List<ArenaResponse> batch = new ArrayList<>();
            for (PendingAnswer a : answers) {
                if (!afterCancel && cancellation.isCancelled()) {
                    cancelled = true;
                    break;
                }
                ExternalIdMatches question = question(a.uid());
                if (question.ambiguous()) {
                    rejections.add(new Rejection(
                            a.file(), a.line(), question.ambiguity("uid") + ": name the dataset the answers are for"));
                    continue;
                }
                Long id = question.instruction().orElse(null);
                if (id == null && afterCancel) {
                    continue;
                }
                if (id == null) {
                    rejections.add(new Rejection(
                            a.file(),
                            a.line(),
                            "no question with the uid " + BadLine.quoted(a.uid()) + " in the files given or in "
                                    + (scope().isEmpty() ? "the store" : "the dataset " + names(scope()))
                                    + " (import its question file too)"));
                    continue;
                }
                ItemResponse r = a.response();
                batch.add(ArenaResponse.imported(id, r.model(), r.text(), r.externalId()));
                if (batch.size() >= BATCH) {
                    storeResponses(batch);
                    batch.clear();
                }
            }
            storeResponses(batch);
        }

        /** The question an answer's uid names: among this import's questions, else in the dataset's stored ones. */
        private ExternalIdMatches question(String uid) {
            Map<String, Long> inFiles = questionsByUid.get(uid);
            if (inFiles != null) {
                return new ExternalIdMatches(uid, inFiles);
            }
            ExternalIdMatches stored =
                    storedByUid.computeIfAbsent(uid, k -> new ExternalIdMatches(k, arena.instructionsByExternalId(k)));
            return scope().isEmpty() ? stored : stored.within(scope());
        }

        /** The datasets answers are matched in: the one named, else those of the questions read; none: any. */
        private Set<String> scope() {
            return name != null ? Set.of(name) : datasets;
        }

        private void storeResponses(List<ArenaResponse> batch) {
            if (batch.isEmpty()) {
                return;
            }
            int added = arena.addResponses(batch);
            stored = true;
            responses += added;
            responsesPresent += batch.size() - added;
        }

        /** The first JSON objects of the file, for detection. */
        private List<JsonNode> firstObjects(Path file) throws IOException {
            List<JsonNode> found = new ArrayList<>();
            try (JsonLines lines = new JsonLines(file)) {
                JsonLines.Line line;
                int looked = 0;
                while ((line = lines.next()) != null
                        && found.size() < FormatDetector.LINES
                        && looked < DETECTION_SCAN) {
                    if (line.text() == null || line.text().isBlank()) {
                        continue;
                    }
                    looked++;
                    try {
                        found.add(parse(line.text()));
                    } catch (BadLine e) {
                        // a bad line is reported when the file is read in its format
                    }
                }
            }
            return found;
        }
    }

    private static String names(Set<String> datasets) {
        return String.join(", ", datasets.stream().map(BadLine::quoted).toList());
    }

    private static JsonNode parse(String text) throws BadLine {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLine("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadLine("not a JSON object");
        }
        return node;
    }

    /** An Arena-Hard question file's benchmark (its category), else the file's name without its extension. */
    private static String defaultName(Path file, DatasetFormat format, JsonNode line) {
        if (format == DatasetFormat.ARENA_HARD) {
            String benchmark = DatasetFormat.benchmark(line);
            if (benchmark != null && benchmark.length() <= 200) {
                return benchmark;
            }
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return stem.length() > 200 ? stem.substring(0, 200) : stem;
    }

    private static Optional<String> unreadable(Path file) {
        if (!Files.exists(file)) {
            return Optional.of("cannot read it: the file does not exist");
        }
        if (Files.isDirectory(file)) {
            return Optional.of("it is a folder; name the dataset files");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("cannot read it: permission denied");
        }
        return Optional.empty();
    }
}
