package io.arenainstruct.studio.service.adjudication;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * The child process of {@link KillAfterAVoteTest}: in {@code STORE}, votes "left better" on each battle id given,
 * printing {@code VOTED id} as each vote call returns, then waits to be killed.
 */
public final class VoteChildMain {
    private VoteChildMain() {}

    public static void main(String[] args) throws InterruptedException {
        Workspace ws = Workspace.open(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            long battle = Long.parseLong(args[i]);
            ws.adjudication().vote(HumanVote.shown(battle, "Dana", GradedLabel.A_BETTER, true, false));
            System.out.println("VOTED " + battle);
            System.out.flush();
        }
        // never closed: the parent kills this process
        new CountDownLatch(1).await();
    }
}
