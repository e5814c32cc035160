package io.arenainstruct.studio.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.SeedKind;

/**
 * Child-JVM main: imports seeds into the store in args[0] in batches of args[1], printing "COMMITTED n"
 * after each committed batch, until killed (or stdin closes, or args[2] batches are done).
 */
public final class KillImportMain {
    private KillImportMain() {}

    public static void main(String[] args) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // wait for the parent to go away
                        }
                    } catch (Exception e) {
                        // fall through
                    }
                    Runtime.getRuntime().halt(0);
                },
                "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int batchSize = Integer.parseInt(args[1]);
        int maxBatches = Integer.parseInt(args[2]);
        Store store = Store.open(Path.of(args[0]));
        SeedRepository seeds = new SeedRepository(store);
        int committed = 0;
        for (int b = 0; b < maxBatches; b++) {
            List<NewSeed> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                int n = b * batchSize + i;
                batch.add(NewSeed.of("seed-" + n, "kill-test", SeedKind.TEXT, "", List.of("k" + (n % 7)), content(n)));
            }
            committed += seeds.insertNew(batch).inserted();
            System.out.println("COMMITTED " + committed);
            System.out.flush();
        }
        store.close();
        System.out.println("DONE");
    }

    /** Distinct text per n, of varying length, with non-ASCII characters. */
    public static String content(int n) {
        StringBuilder sb = new StringBuilder("Seed número ").append(n).append(" — 日本語 ");
        int repeat = 20 + (n * 37) % 400;
        for (int i = 0; i < repeat; i++) {
            sb.append("word").append((n + i) % 97).append(' ');
        }
        return sb.toString();
    }
}
