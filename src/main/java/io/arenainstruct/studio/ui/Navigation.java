package io.arenainstruct.studio.ui;

import java.util.function.Consumer;

/**
 * How one area sends the curator to another with something to show: the Seeds area to the Runs form with the
 * chosen seeds, the Instructions table to the Refinement area on one instruction. The shell carries it out.
 */
public final class Navigation {
    /** An instruction to show (Refinement). */
    public record InstructionSubject(long id) {}

    private Consumer<Request> handler = r -> {};

    /** A request: the area to show and what it should show (its {@code AreaView.open} gets it). */
    public record Request(String areaId, Object subject) {}

    /** Set by the shell. */
    public void setHandler(Consumer<Request> newHandler) {
        this.handler = newHandler;
    }

    /** Shows the area and hands it the subject; call on the FX thread. */
    public void open(String areaId, Object subject) {
        handler.accept(new Request(areaId, subject));
    }
}
