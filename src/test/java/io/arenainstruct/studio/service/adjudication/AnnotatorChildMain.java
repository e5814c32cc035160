package io.arenainstruct.studio.service.adjudication;

import java.util.Optional;

import io.arenainstruct.studio.domain.StoreLocation;
import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.adjudication.VerdictsComplete;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * An annotator in a process of its own, deciding the queue of {@code STORE} as fast as the service allows through
 * the calls the Adjudicate tab makes: claim the next battle, vote on it (with a key made for the vote), on to the
 * next. Args: STORE ANNOTATOR K [SECONDS]: with SECONDS it stops after that long, else when the queue is empty.
 * Waits for a line on stdin before starting (so several start together), prints {@code SAVED battle nanos} after
 * each vote call returned (nanos: from the call to its return) and {@code DONE saved REFUSED refused NANOS elapsed}
 * at the end.
 */
public final class AnnotatorChildMain {
    private AnnotatorChildMain() {}

    public static void main(String[] args) throws Exception {
        String me = args[1];
        int k = Integer.parseInt(args[2]);
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : Double.POSITIVE_INFINITY;
        try (Workspace ws = Workspace.open(StoreLocation.parse(args[0]))) {
            AdjudicationService service = ws.adjudication();
            System.out.println("READY");
            System.out.flush();
            if (System.in.read() < 0) {
                return;
            }
            long start = System.nanoTime();
            long until = Double.isInfinite(seconds) ? Long.MAX_VALUE : start + (long) (seconds * 1e9);
            int saved = 0;
            int refused = 0;
            StringBuilder out = new StringBuilder();
            while (System.nanoTime() < until) {
                Optional<Long> next = service.claimNext(QueueFilter.ALL, me, k);
                if (next.isEmpty()) {
                    break;
                }
                long battle = next.get();
                HumanVote vote = HumanVote.shown(battle, me, GradedLabel.A_BETTER, false, false);
                long t0 = System.nanoTime();
                try {
                    service.vote(vote, AdjudicationService.voteKey(), k);
                } catch (VerdictsComplete e) {
                    // another annotator gave the last verdict (cannot happen while the claim holds): counted, not saved
                    refused++;
                    continue;
                }
                long took = System.nanoTime() - t0;
                saved++;
                out.setLength(0);
                System.out.println(
                        out.append("SAVED ").append(battle).append(' ').append(took));
            }
            System.out.println("DONE " + saved + " REFUSED " + refused + " NANOS " + (System.nanoTime() - start));
            System.out.flush();
        }
    }
}
