-- A score judge's label ("7.25, 8.5") did not fit in 8 characters: the game could not be stored, and every resume
-- failed on it again.
ALTER TABLE verdict ALTER COLUMN raw_label SET DATA TYPE VARCHAR(40);
