-- A battle imported from a judgments file before the questions it names (Arena-Hard uid, FastChat question_id)
-- keeps that id here until a dataset import brings the question: then it joins the question's instruction (or
-- the battle already there), so the order the files come in does not change what the store holds.
ALTER TABLE battle ADD COLUMN awaits_question VARCHAR(200);
CREATE INDEX battle_by_awaited_question ON battle (awaits_question);
