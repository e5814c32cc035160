-- Which arena instruction holds each run instruction's current final text (decision 0010): run:ID selects through
-- it. One row per run instruction, pointing at its latest text: a hand edit moves the link to the new text's
-- instruction, and a text that already was an arena instruction (imported from a dataset first) is linked as it is.
-- The arena instructions of older texts stay, with their responses and battles; they are just not linked.
-- The link is derived data: every take-in of a run's instructions rewrites the links of that run.
CREATE TABLE arena_run_instruction (
    run_instruction_id BIGINT NOT NULL PRIMARY KEY REFERENCES instruction (id) ON DELETE CASCADE,
    instruction_id     BIGINT NOT NULL REFERENCES arena_instruction (id) ON DELETE CASCADE
);
CREATE INDEX arena_run_instruction_by_instruction ON arena_run_instruction (instruction_id);

-- Until now a run instruction's texts were found by arena_instruction.run_instruction_id: the newest of them is
-- taken as its current text (the next take-in corrects the link if the curator has edited since).
INSERT INTO arena_run_instruction (run_instruction_id, instruction_id)
SELECT run_instruction_id, MAX(id) FROM arena_instruction WHERE run_instruction_id IS NOT NULL
GROUP BY run_instruction_id;
