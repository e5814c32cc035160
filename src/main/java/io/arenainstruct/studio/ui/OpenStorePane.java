package io.arenainstruct.studio.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.StoreLocation;

/**
 * File › Open or create store: a folder (an embedded store, chosen with the folder chooser: Alt+F) or a team store's
 * PostgreSQL address typed in (Alt+A; checked as it is typed, what is wrong said beside it). Enter opens, Esc
 * cancels. The password is not asked: the dialog says where it comes from.
 */
public final class OpenStorePane extends VBox {
    static final String PASSWORD_NOTE = "The password is not asked here: it comes from the PGPASSWORD environment"
            + " variable or from your ~/.pgpass file (readable by you only), as for psql.";

    private final OpenStoreModel model = new OpenStoreModel();
    private final TextField address = new TextField();
    private final Label problem = new Label();

    /**
     * @param chooseFolder the folder chooser (empty when the curator cancels it)
     * @param chosen       told the store to open
     * @param cancelled    told when the curator gives up
     */
    public OpenStorePane(Supplier<Optional<Path>> chooseFolder, Consumer<StoreLocation> chosen, Runnable cancelled) {
        super(10);
        setId("open-store");
        getStyleClass().add("open-store");

        Label folderText = new Label("A store in a folder of this computer (an empty folder creates a new one):");
        folderText.setWrapText(true);
        Button folder = new Button("_Folder…");
        folder.setId("open-store-folder");
        folder.setTooltip(new Tooltip("Choose the store's folder (Alt+F)"));
        folder.setOnAction(e -> chooseFolder.get().ifPresent(dir -> chosen.accept(new StoreLocation.Folder(dir))));

        Label addressLabel = new Label("Team store _address (PostgreSQL):");
        addressLabel.setMnemonicParsing(true);
        addressLabel.setLabelFor(address);
        address.setId("open-store-address");
        address.setPromptText("postgresql://HOST[:PORT]/DATABASE?user=NAME");
        address.setTooltip(new Tooltip("postgresql://HOST[:PORT]/DATABASE?user=NAME (Alt+A); Enter opens it"));
        address.textProperty().bindBidirectional(model.address());
        problem.setId("open-store-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problem());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        Label note = new Label(PASSWORD_NOTE);
        note.setId("open-store-password-note");
        note.getStyleClass().add("field-caption");
        note.setWrapText(true);

        Button open = new Button("Open");
        open.setId("open-store-open");
        open.setDefaultButton(true);
        open.setTooltip(new Tooltip("Open the team store at the address (Enter)"));
        open.disableProperty().bind(model.location().isNull());
        open.setOnAction(e -> model.chosen().ifPresent(chosen));
        Button cancel = new Button("Cancel");
        cancel.setId("open-store-cancel");
        cancel.setCancelButton(true);
        cancel.setTooltip(new Tooltip("Keep the store open now (Esc)"));
        cancel.setOnAction(e -> cancelled.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, open, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        getChildren().addAll(folderText, folder, addressLabel, address, problem, note, buttons);
        setPrefWidth(560);
        // A wrapped label in a VBox is otherwise given one line's height and cut off with "…".
        for (Label wrapped : List.of(folderText, problem, note)) {
            wrapped.setMinHeight(Region.USE_PREF_SIZE);
        }
    }

    public OpenStoreModel model() {
        return model;
    }

    /** The address field takes the keys: typing an address is the dialog's first use with a keyboard. */
    public void focusAddress() {
        address.requestFocus();
    }
}
