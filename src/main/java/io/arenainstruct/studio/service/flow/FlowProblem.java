package io.arenainstruct.studio.service.flow;

/**
 * One problem in a flow file or a stored flow, shown as {@code FILE:LINE: problem}, or {@code FILE:LINE:COLUMN:
 * problem} when the column is known (0: not known).
 */
public record FlowProblem(String file, int line, int column, String message) {
    public FlowProblem(String file, int line, String message) {
        this(file, line, 0, message);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        return column > 0 ? file + ":" + line + ":" + column + ": " + message : file + ":" + line + ": " + message;
    }
}
