-- Ids curators see (seed 3, run 2, instruction #64, call #7) stay consecutive after a killed process: H2 hands out
-- identity values 32 at a time by default, and a kill -9 loses the rest of the batch (run 2, then run 34).
-- CACHE 1 is the same on PostgreSQL.
ALTER TABLE seed ALTER COLUMN id SET CACHE 1;
ALTER TABLE model_call ALTER COLUMN id SET CACHE 1;
ALTER TABLE run ALTER COLUMN id SET CACHE 1;
ALTER TABLE run_passage ALTER COLUMN id SET CACHE 1;
ALTER TABLE instruction ALTER COLUMN id SET CACHE 1;
ALTER TABLE human_edit ALTER COLUMN id SET CACHE 1;
