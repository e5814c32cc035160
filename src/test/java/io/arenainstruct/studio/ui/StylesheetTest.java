package io.arenainstruct.studio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import javafx.css.CssParser;

import org.junit.jupiter.api.Test;

/** The app's stylesheet parses without a single error (JavaFX only logs them, so nobody would notice). */
class StylesheetTest {
    @Test
    void studioCssHasNoParseErrors() throws Exception {
        URL css = StylesheetTest.class.getResource("/css/studio.css");
        assertThat(css).isNotNull();
        CssParser.errorsProperty().clear();
        new CssParser().parse(css);
        assertThat(CssParser.errorsProperty()).extracting(Object::toString).isEmpty();
    }
}
