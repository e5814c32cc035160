package io.arenainstruct.studio.store;

/** The database under a store. Repositories write portable SQL; the few places that differ ask this. */
public enum Dialect {
    H2("classpath:db/h2"),
    POSTGRESQL("classpath:db/postgresql");

    /** Migrations that had to be spelled differently (decision 0022); all others are in db/migration. */
    final String ownMigrations;

    Dialect(String ownMigrations) {
        this.ownMigrations = ownMigrations;
    }
}
