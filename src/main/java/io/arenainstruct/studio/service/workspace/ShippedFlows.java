package io.arenainstruct.studio.service.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.service.flow.FlowService;

/** The flow files shipped in {@code resources/flows/}, one per skill. */
public final class ShippedFlows {
    private ShippedFlows() {}

    public static List<FlowService.FlowFile> read() {
        List<FlowService.FlowFile> out = new ArrayList<>();
        Path dir = ClasspathFolder.find("flows").orElse(null);
        if (dir == null) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.yaml")) {
            s.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        for (Path f : files) {
            try {
                out.add(new FlowService.FlowFile("flows/" + f.getFileName(), Files.readString(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
