package io.arenainstruct.studio.service.taxonomy;

import java.util.List;
import java.util.stream.Collectors;

/** A taxonomy file that cannot be used; the message lists every problem as FILE:LINE: problem. */
public class TaxonomyFileException extends Exception {
    private final List<TaxonomyProblem> problems;

    public TaxonomyFileException(List<TaxonomyProblem> problems) {
        super(problems.stream().map(TaxonomyProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<TaxonomyProblem> problems() {
        return problems;
    }
}
