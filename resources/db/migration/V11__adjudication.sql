-- What a person's verdict (a verdict row with source human) adds: whether the model names were shown when they
-- voted, why they overrode the judges, and the edited answer they preferred (edit-then-prefer: a response derived
-- from the battle's, which stays). The verdict row keeps the annotator (voter), the time and the order shown
-- (swapped: the battle's B was shown on the left).
CREATE TABLE human_verdict (
    verdict_id         BIGINT       NOT NULL PRIMARY KEY REFERENCES verdict (id) ON DELETE CASCADE,
    names_shown        BOOLEAN      NOT NULL,
    override_reason    VARCHAR(24),
    override_text      VARCHAR(2000),
    preferred_response BIGINT REFERENCES arena_response (id)
);

-- The judges' standing of a battle apart from the people's: a battle's status is its human votes' (adjudicated,
-- or disputed when they split) while it has any, else this one, so withdrawing the last human vote (undo) gives
-- the judges' standing back.
ALTER TABLE battle ADD COLUMN judge_status VARCHAR(16) DEFAULT 'unjudged' NOT NULL;
UPDATE battle SET judge_status = status WHERE status <> 'adjudicated';
UPDATE battle SET judge_status = 'judged'
    WHERE status = 'adjudicated'
      AND EXISTS (SELECT 1 FROM verdict v WHERE v.battle_id = battle.id AND v.source IN ('judge', 'jury'));
CREATE INDEX verdict_human_by_battle ON verdict (source, voter, battle_id);
