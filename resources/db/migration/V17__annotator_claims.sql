-- Annotators on one queue (decision 0023). A battle shown to an annotator is claimed by them until expires_at, so
-- that with K human verdicts wanted per battle no more than K annotators hold or have given one at once. The key
-- (battle, annotator) makes taking a claim one guarded INSERT or UPDATE: a second process cannot take the same one.
CREATE TABLE battle_claim (
    battle_id  BIGINT       NOT NULL REFERENCES battle (id) ON DELETE CASCADE,
    annotator  VARCHAR(100) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (battle_id, annotator)
);
CREATE INDEX battle_claim_by_annotator ON battle_claim (annotator);

-- The key the client made for a vote: a vote sent again after a lost connection (whose first send may have been
-- committed) finds its row instead of adding a second one. NULL for votes made before and for imported ones.
ALTER TABLE human_verdict ADD COLUMN vote_key VARCHAR(64);
CREATE UNIQUE INDEX human_verdict_vote_key ON human_verdict (vote_key);
