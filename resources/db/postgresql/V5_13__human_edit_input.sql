-- A hand edit of an instruction keeps its instruction and its input apart (the model's rounds do too). Edits
-- made before kept both in one text, the instruction, a blank line, "Input:" and the input: split those.
-- (PostgreSQL's spelling of db/h2/V5_13: POSITION and E'\n' for H2's LOCATE and CHAR(10).)
ALTER TABLE human_edit ADD COLUMN edited_input VARCHAR(1000000);

UPDATE human_edit
   SET edited_input = SUBSTRING(text FROM POSITION(E'\n\nInput:\n' IN text) + 9),
       text = SUBSTRING(text FROM 1 FOR POSITION(E'\n\nInput:\n' IN text) - 1)
 WHERE (target = 'instruction' OR target LIKE 'round.%.edited')
   AND POSITION(E'\n\nInput:\n' IN text) > 0;
