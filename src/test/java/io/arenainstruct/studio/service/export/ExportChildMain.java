package io.arenainstruct.studio.service.export;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;

import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * A child JVM for {@link ExportKillTest}: exports the store's battle winners to {@code args[1]} (a file, or a dataset
 * folder when {@code args[2]} is "card"), says "ROWS n" after every 100 rows and, after {@code args[3]} rows, holds
 * the export open (mid-file) until it is killed.
 */
public final class ExportChildMain {
    private ExportChildMain() {}

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean card = args[2].equals("card");
        int holdAfter = Integer.parseInt(args[3]);
        try (Workspace ws = TestWorkspaces.open(store)) {
            ExportPlan plan = ws.exports()
                    .plan(SelectionRules.of(ExportSelect.SFT), ExportFormat.OPENAI, null, Cancellation.NEVER);
            Iterator<ExportRow> rows = ws.exports().rows(plan, true, Cancellation.NEVER);
            Iterator<ExportRow> told = new Iterator<>() {
                private int n;

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public ExportRow next() {
                    if (n == holdAfter) {
                        System.out.println("HOLDING " + n);
                        System.out.flush();
                        try {
                            new CountDownLatch(1).await(); // until the parent kills this process
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    n++;
                    if (n % 100 == 0) {
                        System.out.println("ROWS " + n);
                    }
                    return rows.next();
                }
            };
            JsonlWriter writer = new JsonlWriter(ExportFormat.OPENAI, true);
            if (card) {
                DatasetFolder.write(
                        out,
                        false,
                        writer,
                        told,
                        n -> new CardFacts(
                                "t", "openai", "sft", n, null, "en", null, null, null, null, null, null, "export", "0"),
                        null,
                        null);
            } else {
                writer.write(out, told, false);
            }
            System.out.println("DONE");
        }
    }
}
