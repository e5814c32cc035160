package io.arenainstruct.studio.ui.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.StreamSink;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.task.TaskExecutor;
import io.arenainstruct.studio.ui.task.TaskHandle;

/**
 * One model reply streamed live into the UI (Endpoints' "Try a prompt", Agents & Prompts' "Try on a seed"): a
 * background task with progress and Cancel in the status bar, pieces batched onto the FX thread, and a small
 * state a view binds to. Use it on the FX thread.
 */
public final class LiveReply {
    /** Where the reply stands. */
    public enum State {
        IDLE,
        STREAMING,
        DONE,
        FAILED,
        CANCELLED
    }

    /** How the status line words waiting and stopping ("Esc cancels", "Cancelled before the model answered"). */
    public record Wording(String escHint, String stoppedEmpty, String stoppedPartial) {}

    /** Work done on the worker before the call: the request to send (e.g. an agent rendered on a seed). */
    @FunctionalInterface
    public interface Prepare {
        ModelRequest request() throws Exception;
    }

    /** Sends the request and streams its reply: the gateway's stream, unless a caller sends it its own way. */
    @FunctionalInterface
    public interface Sender {
        ModelReply send(Endpoint endpoint, ModelRequest request, StreamSink sink, Cancellation cancel);
    }

    private final TaskExecutor tasks;
    private final ModelGateway gateway;
    private final Wording wording;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Call call;

    private static final class Call {
        final AtomicBoolean cancel = new AtomicBoolean();
        final StreamBuffer buffer;
        TaskHandle task;

        Call(StreamBuffer buffer) {
            this.buffer = buffer;
        }
    }

    /** A reply, a failure, or cancelled (both null). */
    private record Outcome(ModelReply reply, ModelCallException failure) {}

    public LiveReply(AppContext context, Wording wording) {
        this(context.taskExecutor(), context.workspace().gateway(), wording);
    }

    public LiveReply(TaskExecutor tasks, ModelGateway gateway, Wording wording) {
        this.tasks = tasks;
        this.gateway = gateway;
        this.wording = wording;
    }

    /**
     * Starts streaming unless a reply is streaming already.
     *
     * @param startStatus the status while {@code prepare} runs
     * @param prepared    called on the FX thread with the request, before it is sent
     * @param doneStatus  the status line for a finished reply
     */
    public void start(
            String taskTitle,
            Endpoint endpoint,
            String startStatus,
            Prepare prepare,
            Consumer<ModelRequest> prepared,
            Function<ModelReply, String> doneStatus) {
        start(taskTitle, endpoint, startStatus, prepare, prepared, gateway::stream, doneStatus);
    }

    /** As {@link #start(String, Endpoint, String, Prepare, Consumer, Function)}, sending with {@code sender}. */
    public void start(
            String taskTitle,
            Endpoint endpoint,
            String startStatus,
            Prepare prepare,
            Consumer<ModelRequest> prepared,
            Sender sender,
            Function<ModelReply, String> doneStatus) {
        if (state.get() == State.STREAMING) {
            return;
        }
        StreamBuffer buffer = new StreamBuffer(() -> text.set(""), piece -> text.set(text.get() + piece), tasks::ui);
        Call now = new Call(buffer);
        call = now;
        text.set("");
        state.set(State.STREAMING);
        status.set(startStatus + "… (" + wording.escHint() + ")");
        now.task = tasks.monitored(
                taskTitle,
                (progress, taskCancel) -> {
                    Cancellation cancel = () -> now.cancel.get() || taskCancel.isCancelled();
                    ModelRequest request = prepare.request();
                    tasks.ui(() -> {
                        if (call == now) {
                            prepared.accept(request);
                            if (state.get() == State.STREAMING) {
                                status.set("Waiting for " + endpoint.model() + "… (" + wording.escHint() + ")");
                            }
                        }
                    });
                    AtomicLong received = new AtomicLong();
                    StreamSink sink = new StreamSink() {
                        @Override
                        public void text(String piece) {
                            if (!cancel.isCancelled()) {
                                buffer.text(piece);
                                progress.progress(-1, -1, received.addAndGet(piece.length()) + " characters received");
                            }
                        }

                        @Override
                        public void restart() {
                            received.set(0);
                            buffer.restart();
                            progress.progress(-1, -1, "retrying");
                        }
                    };
                    progress.progress(-1, -1, "waiting for " + endpoint.model());
                    try {
                        ModelReply r = CancellableCall.await(
                                tasks.executor(), () -> sender.send(endpoint, request, sink, cancel), cancel);
                        return new Outcome(r, null);
                    } catch (CancellationException e) {
                        return new Outcome(null, null);
                    } catch (ModelCallException e) {
                        return new Outcome(null, e.errorClass() == ErrorClass.CANCELLED ? null : e);
                    }
                },
                outcome -> finish(now, outcome, doneStatus),
                error -> {
                    if (now == call && state.get() == State.STREAMING) {
                        now.buffer.flush();
                        now.buffer.close();
                        state.set(State.FAILED);
                        status.set("Failed: " + error.getMessage());
                    }
                });
    }

    private void finish(Call now, Outcome outcome, Function<ModelReply, String> doneStatus) {
        if (now != call || state.get() != State.STREAMING) {
            return; // stopped already, or a newer reply is on
        }
        now.buffer.flush();
        now.buffer.close();
        if (outcome.reply() != null) {
            text.set(outcome.reply().text());
            state.set(State.DONE);
            status.set(doneStatus.apply(outcome.reply()));
        } else if (outcome.failure() != null) {
            state.set(State.FAILED);
            status.set("Failed (" + outcome.failure().errorClass().label() + "): "
                    + outcome.failure().getMessage());
        } else {
            markStopped(now);
        }
    }

    /** Stops at once; what arrived stays shown, the call is recorded as cancelled. */
    public void cancel() {
        Call now = call;
        if (now == null || state.get() != State.STREAMING) {
            return;
        }
        now.cancel.set(true);
        now.buffer.flush();
        if (now.task != null) {
            now.task.cancel();
        }
        markStopped(now);
    }

    private void markStopped(Call now) {
        now.buffer.close();
        state.set(State.CANCELLED);
        status.set(text.get().isEmpty() ? wording.stoppedEmpty() : wording.stoppedPartial());
    }

    /** Clears the shown text (a new choice elsewhere made it stale). */
    public void clear() {
        if (state.get() != State.STREAMING) {
            text.set("");
            status.set("");
            state.set(State.IDLE);
        }
    }

    /**
     * Shows a live reply in a read-only text and its status in a label (red when it failed). While the reply is
     * short, pieces are appended, so the area keeps its place and need not lay out the whole text again; a long
     * reply is shown in pieces ({@link LongText}) and follows its end while it streams.
     */
    public static void show(
            ReadOnlyText shown,
            Label statusLabel,
            ObservableValue<String> text,
            ObservableValue<String> status,
            ObservableValue<State> state) {
        TextArea area = shown.area();
        LongText.wrapUnlessShaped(area);
        area.setPromptText("The reply appears here as it arrives");
        area.getStyleClass().add("stream-reply");
        text.addListener((obs, old, now) -> {
            if (old != null
                    && !old.isEmpty()
                    && now.startsWith(old)
                    && shown.pieces() == null
                    && LongText.isShort(now)
                    && area.getLength() == old.length()
                    && area.getText().equals(old)) {
                area.appendText(now.substring(old.length()));
                shown.setText(now);
            } else {
                shown.setText(now);
                if (shown.pieces() != null) {
                    shown.pieces().scrollTo(shown.pieces().getItems().size() - 1);
                } else {
                    area.end();
                }
            }
        });
        statusLabel.setWrapText(true);
        statusLabel.getStyleClass().add("inline-status");
        statusLabel.textProperty().bind(status);
        state.addListener((obs, o, st) -> Controls.styleIf(statusLabel, "problem", st == State.FAILED));
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty text() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }
}
