package io.arenainstruct.studio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.LogRecord;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.arenainstruct.studio.service.workspace.LoggedProblems;

/**
 * A PostgreSQL server's error text is text from outside: it reaches the log on stderr (not through the command
 * line's escaping writer) and the messages shown to curators, so it must not carry terminal escapes or bidi controls.
 */
class ServerTextTest {
    private static final String HOSTILE = "FATAL: \u001b[2J\u001b]0;owned\u0007 \u202Egnp.exe\u009b";

    @RegisterExtension
    final LoggedProblems logged = new LoggedProblems();

    private static void assertHarmless(String text) {
        assertTrue(text.chars().noneMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F)), () -> "control in: " + text);
        assertTrue(
                text.chars().noneMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)),
                () -> "bidi control in: " + text);
    }

    @Test
    void aServersErrorTextIsShownWithItsControlsEscaped() {
        String shown = Store.firstLine(new SQLException(HOSTILE + "\nsecond line", "57P01"));
        assertHarmless(shown);
        assertEquals("FATAL: [U+001B][2J[U+001B]]0;owned[U+0007] [U+202E]gnp.exe[U+009B]", shown);
    }

    @Test
    void theListenersWarningAboutARefusingServerIsLoggedEscaped() {
        DataSource refusing = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException(HOSTILE, "08006");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        try (PostgresqlListener listener =
                new PostgresqlListener(refusing, "postgresql://h/db?user=u", s -> {}, () -> {})) {
            assertFalse(listener.isListening());
        }
        List<LogRecord> records = logged.records();
        assertFalse(records.isEmpty());
        records.forEach(r -> assertHarmless(r.getMessage()));
    }
}
