package io.arenainstruct.studio.service.flow;

/** One problem in a flow file or a stored flow, shown as {@code FILE:LINE: problem}. */
public record FlowProblem(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
