package io.arenainstruct.studio.service.arena.formats;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one JSON object (one line of a file) of a format. */
interface LineFormat {
    /**
     * @param defaultModel the model named on the command line (--model) for responses whose line names none; or
     *                     null
     */
    Row read(JsonNode line, String defaultModel) throws BadLine;
}
