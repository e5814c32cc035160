-- A hand edit of an instruction keeps its instruction and its input apart (the model's rounds do too). Edits
-- made before kept both in one text, the instruction, a blank line, "Input:" and the input: split those.
ALTER TABLE human_edit ADD COLUMN edited_input VARCHAR(1000000);

UPDATE human_edit
   SET edited_input = SUBSTRING(text, LOCATE(CHAR(10) || CHAR(10) || 'Input:' || CHAR(10), text) + 9),
       text = SUBSTRING(text, 1, LOCATE(CHAR(10) || CHAR(10) || 'Input:' || CHAR(10), text) - 1)
 WHERE (target = 'instruction' OR target LIKE 'round.%.edited')
   AND LOCATE(CHAR(10) || CHAR(10) || 'Input:' || CHAR(10), text) > 0;
