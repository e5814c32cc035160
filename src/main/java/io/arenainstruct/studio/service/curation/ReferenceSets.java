package io.arenainstruct.studio.service.curation;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.domain.curation.StoredPrompt;
import io.arenainstruct.studio.store.CurationRepository;

/**
 * Reference prompt sets kept in the store (benchmark questions a curator imported): every curation pass over the
 * store decontaminates against all of them, besides any file given for that pass alone.
 */
public final class ReferenceSets {
    /** The longest set name (the column's width). */
    public static final int MAX_NAME = 200;

    private final CurationRepository repository;
    private final Clock clock;

    public ReferenceSets(CurationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Reads a file ({@link ReferenceFiles}) and stores its prompts under {@code name} (null or blank: the file's
     * name), whole or not at all.
     *
     * @throws ReferenceFiles.ReferenceFileException the file cannot be read or is not a known format
     * @throws CurationInputException                a set of that name exists, or the name is not usable
     */
    public ReferenceSetInfo importFile(Path file, String name)
            throws ReferenceFiles.ReferenceFileException, CurationInputException {
        ReferenceFiles.ReferenceFile read = ReferenceFiles.readFile(file);
        String setName = name == null || name.isBlank() ? read.set().name() : name.strip();
        checkName(setName);
        if (repository.findSet(setName).isPresent()) {
            throw taken(setName);
        }
        List<StoredPrompt> prompts = read.set().prompts().stream()
                .map(p -> new StoredPrompt(p.id(), p.text()))
                .toList();
        ReferenceSetInfo info =
                new ReferenceSetInfo(setName, read.set().name(), read.format(), clock.instant(), prompts.size());
        if (!repository.insertSet(info, prompts)) {
            throw taken(setName); // imported by someone else since the check
        }
        return repository.findSet(setName).orElse(info);
    }

    /** Every stored set, by name. */
    public List<ReferenceSetInfo> list() {
        return repository.sets();
    }

    /** Removes a stored set and its prompts. */
    public ReferenceSetInfo remove(String name) throws CurationInputException {
        ReferenceSetInfo info = repository.findSet(name).orElseThrow(() -> unknown(name));
        if (!repository.removeSet(name)) {
            throw unknown(name);
        }
        return info;
    }

    /** Every stored set with its prompts, by name: what a curation pass checks against. */
    public List<ReferenceSet> all() {
        List<ReferenceSet> out = new ArrayList<>();
        for (ReferenceSetInfo info : repository.sets()) {
            out.add(new ReferenceSet(
                    info.name(),
                    repository.prompts(info.name()).stream()
                            .map(p -> new ReferencePrompt(p.id(), p.text()))
                            .toList()));
        }
        return out;
    }

    private CurationInputException unknown(String name) {
        List<String> names =
                repository.sets().stream().map(ReferenceSetInfo::name).toList();
        return new CurationInputException("There is no reference set named \"" + name + "\"; "
                + (names.isEmpty() ? "none is stored." : "the stored ones are " + String.join(", ", names) + "."));
    }

    private static CurationInputException taken(String name) {
        return new CurationInputException("A reference set named \"" + name + "\" is already stored; remove it"
                + " first to import it again, or import the file under another name.");
    }

    private static void checkName(String name) throws CurationInputException {
        if (name.length() > MAX_NAME) {
            throw new CurationInputException("A reference set's name can be at most " + MAX_NAME + " characters.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new CurationInputException("A reference set's name cannot hold control characters.");
        }
    }
}
