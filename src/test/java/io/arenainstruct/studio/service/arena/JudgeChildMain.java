package io.arenainstruct.studio.service.arena;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * The child process of {@link KillDuringJudgingTest}: {@code STORE} judges the unjudged battles with the endpoint
 * "judge". Prints {@code JOB id}, {@code GAMES n} whenever more games are done, and {@code FINISHED status}.
 */
public final class JudgeChildMain {
    private JudgeChildMain() {}

    public static void main(String[] args) {
        try (Workspace ws = ArenaFixture.open(Path.of(args[0]))) {
            ArenaJobExecution job = ws.arena().judge(new JudgeRequest(List.of("judge"), "graded", null, "unjudged", 2));
            System.out.println("JOB " + job.jobId());
            AtomicInteger shown = new AtomicInteger();
            ws.arenaJobs().subscribe(e -> {
                if (e instanceof JobEvent.Progressed<JobProgress<String>> p) {
                    int done = p.progress().stage(JudgeJob.GAMES).done();
                    if (done > shown.get()) {
                        shown.set(done);
                        System.out.println("GAMES " + done);
                    }
                }
            });
            RunStatus status = job.run();
            System.out.println("FINISHED " + status.id());
        }
        System.exit(0);
    }
}
