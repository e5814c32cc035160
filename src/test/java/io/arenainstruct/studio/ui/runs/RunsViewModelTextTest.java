package io.arenainstruct.studio.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;

/** The Runs area's progress text, worked out from a run's progress. */
class RunsViewModelTextTest {

    @Test
    void theProgressTextSaysWhichEndpointIsThrottledAndToWhatLevel() {
        String throttle = "local-llm throttled to 4 in flight (server answered 429)";
        RunProgress throttled = new RunProgress(
                1,
                RunStatus.RUNNING,
                List.of(),
                12,
                0,
                100,
                50,
                null,
                Duration.ofSeconds(5),
                2.4,
                Duration.ofSeconds(30),
                throttle);
        assertThat(RunsViewModel.statsText(throttled)).endsWith("; " + throttle);
        RunProgress free = new RunProgress(
                1,
                RunStatus.RUNNING,
                List.of(),
                12,
                0,
                100,
                50,
                null,
                Duration.ofSeconds(5),
                2.4,
                Duration.ofSeconds(30),
                null);
        assertThat(RunsViewModel.statsText(free)).doesNotContain("throttled");
    }
}
