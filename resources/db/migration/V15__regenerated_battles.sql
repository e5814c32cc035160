-- Both-bad battles answered again (issue 14 step 4, decision 0019): a regenerated battle names the failed battle it
-- redoes. Nothing is overwritten: the failed battle, its answers and its verdicts stay as they are. A regenerated
-- battle's pair_key is the plain key of its instruction, models and turn followed by ":r" and the failed battle's
-- id, so the same two models on the same prompt make a new battle (battle_once still holds), and making it again
-- finds the one made before.
ALTER TABLE battle ADD COLUMN regenerates BIGINT REFERENCES battle (id) ON DELETE SET NULL;
CREATE INDEX battle_by_regenerates ON battle (regenerates);
