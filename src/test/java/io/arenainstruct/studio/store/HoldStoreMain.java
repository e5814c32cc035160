package io.arenainstruct.studio.store;

import java.io.IOException;
import java.nio.file.Path;

/** Child-JVM main: opens the store in args[0], prints READY and holds it until stdin closes. */
public final class HoldStoreMain {
    private HoldStoreMain() {}

    public static void main(String[] args) throws IOException {
        try (Store store = Store.open(Path.of(args[0]))) {
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the store until the parent closes our stdin (or dies)
            }
        }
    }
}
