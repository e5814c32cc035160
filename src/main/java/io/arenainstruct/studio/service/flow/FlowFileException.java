package io.arenainstruct.studio.service.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A flow that cannot be used, with every problem found. */
public final class FlowFileException extends Exception {
    private final transient List<FlowProblem> problems;

    public FlowFileException(List<FlowProblem> problems) {
        super(problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}
