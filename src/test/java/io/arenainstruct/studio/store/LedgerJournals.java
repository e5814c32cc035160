package io.arenainstruct.studio.store;

import java.io.IOException;
import java.nio.file.Path;

import io.arenainstruct.studio.domain.llm.LedgerEntry;

/** What a process killed after a model call leaves behind: the call in the ledger's journal, not yet in the store. */
public final class LedgerJournals {
    private LedgerJournals() {}

    /** Journals {@code entry} in {@code dir} (the store's folder, or a team store's local files) as a call would. */
    public static void leave(Path dir, LedgerEntry entry) throws IOException {
        LedgerJournal journal = new LedgerJournal(dir);
        journal.append(new LedgerJournal.Row(entry, null));
        journal.close();
    }
}
