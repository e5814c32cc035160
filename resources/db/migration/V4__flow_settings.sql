-- The curator's refinement settings of a flow (null: the flow file's): default rounds and the goals, one per line.
CREATE TABLE flow_setting (
    skill      VARCHAR(100)   PRIMARY KEY,
    rounds     INT            CHECK (rounds BETWEEN 0 AND 10),
    goals      VARCHAR(100000),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The Instructions list reads pages in the order newest run first, then oldest instruction first; an index in
-- exactly that order lets a page be read without sorting every row.
CREATE INDEX instruction_list_order ON instruction (run_id DESC, id);
