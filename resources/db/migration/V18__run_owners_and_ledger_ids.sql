-- Several processes on one team store (issue 15, decision 0024).
-- A run or arena job belongs to the process executing it: its owner (host, pid and a random part) beats
-- heartbeat_at every few seconds; a running job whose heartbeat is old is shown as interrupted, and the
-- process that resumes it takes it over with one conditional UPDATE.
ALTER TABLE run ADD COLUMN owner VARCHAR(200);
ALTER TABLE run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE arena_job ADD COLUMN owner VARCHAR(200);
ALTER TABLE arena_job ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;

-- Ledger ids on a shared store: each process reserves a block of ids with one UPDATE of this row, so two
-- processes never hand out the same model_call id.
CREATE TABLE id_block (
    name    VARCHAR(40) PRIMARY KEY,
    next_id BIGINT      NOT NULL
);
INSERT INTO id_block (name, next_id) SELECT 'model_call', COALESCE(MAX(id), 0) + 1 FROM model_call;
