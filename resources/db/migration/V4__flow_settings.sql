-- The curator's refinement settings of a flow (null: the flow file's): default rounds and the goals, one per line.
CREATE TABLE flow_setting (
    skill      VARCHAR(100)   PRIMARY KEY,
    rounds     INT            CHECK (rounds BETWEEN 0 AND 10),
    goals      VARCHAR(100000),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
