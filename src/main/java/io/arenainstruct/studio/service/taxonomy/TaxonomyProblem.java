package io.arenainstruct.studio.service.taxonomy;

/** One thing wrong in a taxonomy file, located by line (1-based). */
public record TaxonomyProblem(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
