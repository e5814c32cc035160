package io.arenainstruct.studio.service.workspace;

import java.nio.file.Files;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.domain.copy.CopyProgress;
import io.arenainstruct.studio.domain.copy.CopyReport;
import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.StoreCopy;
import io.arenainstruct.studio.store.StoreException;

/**
 * Moves a workspace: copies a store into a new, empty one, H2 or PostgreSQL either way (decision 0026). The source
 * is only read (its ledger journal is first moved into it, as any opening does); a copy that fails or whose counts
 * do not match is removed, so the target is never left half-written.
 */
public final class StoreCopier {
    private StoreCopier() {}

    /**
     * Copies {@code from} into {@code to}, telling {@code progress} (on this thread) as tables and batches are
     * done. Throws an exception whose message is a sentence for the curator (a refusal, or a failure and what was
     * left behind); {@link Workspace#storeProblem} recognises it.
     */
    public static CopyReport copy(StoreLocation from, StoreLocation to, Consumer<CopyProgress> progress) {
        if (StoreCopy.same(from, to)) {
            throw new StoreException("the source and the target are the same store (" + from.display() + "): a"
                    + " store cannot be copied onto itself. Nothing was written.");
        }
        StoreCopy.refuseMissingSource(from);
        StoreCopy.refuseNonEmptyTarget(to);
        boolean folderExisted = to instanceof StoreLocation.Folder f && Files.isDirectory(f.dir());
        try (Store source = Store.open(from, DataDirectories.teamStoreFiles(from))) {
            // Calls this user's processes journalled but did not yet move into the store are part of the workspace.
            new CallLedgerRepository(source).flush();
            Store target = Store.open(to, DataDirectories.teamStoreFiles(to));
            CopyReport report;
            try {
                report = new StoreCopy(source, target).copy(progress);
            } catch (RuntimeException e) {
                String left = StoreCopy.discardTarget(target, folderExisted);
                throw new StoreException(
                        "the copy into " + to.display() + " failed: " + sentence(e.getMessage()) + " "
                                + capitalized(left)
                                + "; the source is unchanged. Once the cause is fixed, run store copy"
                                + " again.",
                        e);
            }
            if (!report.countsMatch()) {
                String left = StoreCopy.discardTarget(target, folderExisted);
                throw new CountsDiffer(report, left);
            }
            target.close();
            return report;
        }
    }

    /** A message as a sentence: ending with one full stop. */
    private static String sentence(String message) {
        String m = message == null ? "" : message.strip();
        return m.endsWith(".") ? m : m + ".";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The copy finished but a table's rows in the target are not as many as in the source. */
    public static final class CountsDiffer extends StoreException {
        private final transient CopyReport report;

        CountsDiffer(CopyReport report, String left) {
            super("the copy into " + report.to() + " does not hold what the source holds ("
                    + report.tables().stream()
                            .filter(t -> !t.matches())
                            .map(t -> t.table() + ": " + t.source() + " rows in the source, " + t.target()
                                    + " in the copy")
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("")
                    + "), so it is not kept: " + left + ". The source is unchanged.");
            this.report = report;
        }

        public CopyReport report() {
            return report;
        }
    }
}
