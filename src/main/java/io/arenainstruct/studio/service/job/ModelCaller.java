package io.arenainstruct.studio.service.job;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.service.task.Cancellation;

/** Who answers an agent step's request: the gateway ({@code ModelGateway::call}), or a fake in tests. */
@FunctionalInterface
public interface ModelCaller {
    /** The reply, from the ledger or the model; throws {@code ModelCallException} when the call failed for good. */
    ModelReply call(Endpoint endpoint, ModelRequest request, Cancellation cancellation);
}
