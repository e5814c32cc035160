package io.arenainstruct.studio.ui;

import java.util.Optional;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreLocation;

/**
 * The Open store dialog's typed address: checked as it is typed with {@link StoreLocation#parse}, so what is wrong
 * shows beside it in a sentence and Open is offered only for an address that parses. A folder is chosen with the
 * folder chooser instead; the password is never typed here.
 */
public final class OpenStoreModel {
    private final StringProperty address = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StoreLocation> location = new ReadOnlyObjectWrapper<>();

    public OpenStoreModel() {
        address.addListener((obs, o, n) -> check(n));
    }

    private void check(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            problem.set("");
            location.set(null);
            return;
        }
        if (!PostgresqlLocation.isAddress(t)) {
            problem.set("A team store's address starts with postgresql:// (for a folder, choose Folder…).");
            location.set(null);
            return;
        }
        try {
            location.set(StoreLocation.parse(t));
            problem.set("");
        } catch (IllegalArgumentException e) {
            location.set(null);
            problem.set(sentence(e.getMessage()));
        }
    }

    private static String sentence(String m) {
        String s = m.strip();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + (s.endsWith(".") ? "" : ".");
    }

    /** The address typed (a {@code postgresql://} address). */
    public StringProperty address() {
        return address;
    }

    /** What is wrong with the typed address, in a sentence; empty when nothing is (or nothing is typed). */
    public ReadOnlyStringProperty problem() {
        return problem;
    }

    /** The store the typed address names; null while it names none. */
    public ReadOnlyObjectProperty<StoreLocation> location() {
        return location.getReadOnlyProperty();
    }

    /** The store to open: the typed address when it parses. */
    public Optional<StoreLocation> chosen() {
        return Optional.ofNullable(location.get());
    }
}
