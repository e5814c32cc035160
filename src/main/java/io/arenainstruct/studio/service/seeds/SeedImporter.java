package io.arenainstruct.studio.service.seeds;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.store.SeedRepository;

/**
 * Imports files and folders as seeds. Bad files are reported one by one and cost nothing else; good
 * ones are stored in batches, each batch in one transaction, so a cancel or a crash keeps every batch
 * that finished and never leaves half a batch.
 */
public final class SeedImporter {
    private static final int BATCH_SEEDS = 500;
    private static final long BATCH_CHARS = 8L * 1024 * 1024;

    private final SeedRepository seeds;

    public SeedImporter(SeedRepository seeds) {
        this.seeds = seeds;
    }

    public ImportReport importPaths(List<Path> paths, ImportOptions options) {
        return importPaths(paths, options, ProgressListener.NONE, Cancellation.NEVER);
    }

    public ImportReport importPaths(
            List<Path> paths, ImportOptions options, ProgressListener progress, Cancellation cancellation) {
        List<ImportReport.Rejection> rejections = new ArrayList<>();
        progress.progress(0, -1, "Looking for files…");
        List<Path> files = listFiles(paths, rejections, cancellation);
        SeedFileReader reader = new SeedFileReader(options);
        List<NewSeed> batch = new ArrayList<>();
        long batchChars = 0;
        int imported = 0;
        int duplicates = 0;
        boolean cancelled = cancellation.isCancelled(); // the folder walk may have been cut short
        for (int i = 0; i < files.size() && !cancelled; i++) {
            if (cancellation.isCancelled()) {
                cancelled = true;
                break;
            }
            SeedFileReader.Result result = reader.read(files.get(i));
            rejections.addAll(result.rejections());
            for (NewSeed seed : result.seeds()) {
                batch.add(seed);
                batchChars += seed.chars();
            }
            if (batch.size() >= BATCH_SEEDS || batchChars >= BATCH_CHARS) {
                SeedRepository.InsertOutcome outcome = seeds.insertNew(batch);
                imported += outcome.inserted();
                duplicates += outcome.duplicates().size();
                batch.clear();
                batchChars = 0;
            }
            if ((i & 31) == 0 || i == files.size() - 1) {
                progress.progress(i + 1, files.size(), "Read " + (i + 1) + " of " + files.size() + " files");
            }
        }
        if (!batch.isEmpty()) {
            SeedRepository.InsertOutcome outcome = seeds.insertNew(batch);
            imported += outcome.inserted();
            duplicates += outcome.duplicates().size();
        }
        return new ImportReport(imported, duplicates, rejections, cancelled);
    }

    /** Expands folders recursively (skipping hidden entries) in a stable order. */
    private static List<Path> listFiles(
            List<Path> paths, List<ImportReport.Rejection> rejections, Cancellation cancellation) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                walk(path, files, rejections, cancellation);
            } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                files.add(path);
            } else {
                rejections.add(new ImportReport.Rejection(path.toString(), "no such file or folder"));
            }
        }
        return files;
    }

    private static void walk(
            Path root, List<Path> files, List<ImportReport.Rejection> rejections, Cancellation cancellation) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (cancellation.isCancelled()) {
                        return FileVisitResult.TERMINATE;
                    }
                    return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink() && Files.isDirectory(file)) {
                        rejections.add(new ImportReport.Rejection(
                                file.toString(),
                                "a link to a folder; links are not followed (import that folder itself)"));
                    } else if (!isHidden(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    rejections.add(new ImportReport.Rejection(file.toString(), "cannot read it: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            rejections.add(new ImportReport.Rejection(root.toString(), "cannot read the folder: " + e.getMessage()));
        }
        found.sort(null);
        files.addAll(found);
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
