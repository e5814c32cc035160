-- Who ran a run last: 'app' or 'command-line' (null for runs from before this was kept), so the offer to resume
-- an interrupted run can say what stopped it.
ALTER TABLE run ADD COLUMN ran_by VARCHAR(20);
