package io.arenainstruct.studio.service.llm;

/** What one attempt got back from a model server. */
record TransportReply(String text, int tokensIn, int tokensOut) {}
