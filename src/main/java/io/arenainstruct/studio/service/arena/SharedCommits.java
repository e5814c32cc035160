package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.BattleRepository.VerdictWrite;

/**
 * Stores judges' verdicts from many workers in shared transactions. Each commit writes to disk, and a judging job
 * would otherwise commit after every game; here a worker's write returns once it is committed (a game is stored
 * before its worker goes on, so a kill loses none), and the writes queued while one commit runs share the next.
 */
final class SharedCommits {
    private final BattleRepository battles;
    private final VerdictChanges changes;
    private final Object lock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean writing;

    private static final class Pending {
        final VerdictWrite write;
        boolean done;
        RuntimeException error;

        Pending(VerdictWrite write) {
            this.write = write;
        }
    }

    SharedCommits(BattleRepository battles, VerdictChanges changes) {
        this.battles = battles;
        this.changes = changes;
    }

    /** Stores the write, with whatever other workers queued meanwhile; returns once it is committed. */
    void write(VerdictWrite write) {
        Pending mine = new Pending(write);
        List<Pending> batch;
        boolean interrupted = false;
        synchronized (lock) {
            queue.add(mine);
            while (writing && !mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // the write must still be known to be done or not: wait on, and say so afterwards
                    interrupted = true;
                }
            }
            if (mine.done) {
                batch = null;
            } else {
                writing = true;
                batch = queue;
                queue = new ArrayList<>();
            }
        }
        if (batch != null) {
            commit(batch);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.error != null) {
            throw mine.error;
        }
    }

    private void commit(List<Pending> batch) {
        try {
            try {
                battles.addJudgeVerdicts(batch.stream().map(p -> p.write).toList());
            } catch (RuntimeException shared) {
                if (batch.size() == 1) {
                    batch.get(0).error = shared;
                } else {
                    // one bad write must not fail the others: each on its own
                    for (Pending p : batch) {
                        try {
                            battles.addJudgeVerdicts(List.of(p.write));
                        } catch (RuntimeException e) {
                            p.error = e;
                        }
                    }
                }
            }
        } finally {
            synchronized (lock) {
                batch.forEach(p -> p.done = true);
                writing = false;
                lock.notifyAll();
            }
            // once per shared commit, not per game: the Leaderboard computes again after a quiet second anyway
            if (batch.stream().anyMatch(p -> p.error == null)) {
                changes.changed();
            }
        }
    }
}
