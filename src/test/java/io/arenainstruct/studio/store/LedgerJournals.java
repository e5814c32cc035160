package io.arenainstruct.studio.store;

import java.io.IOException;
import java.nio.file.Path;

import io.arenainstruct.studio.domain.llm.LedgerEntry;

/** What a process killed after a model call leaves behind: the call in the ledger's journal, not yet in the store. */
public final class LedgerJournals {
    private LedgerJournals() {}

    /** Journals {@code entry} in the folder {@code dir} of an embedded store, as a call would. */
    public static void leave(Path dir, LedgerEntry entry) throws IOException {
        LedgerJournal journal = new LedgerJournal(dir.resolve(LedgerJournal.FILE));
        journal.append(new LedgerJournal.Row(entry, null));
        journal.close();
    }
}
