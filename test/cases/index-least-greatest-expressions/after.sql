CREATE SCHEMA app;
CREATE TABLE app.friendship (
    a integer NOT NULL,
    b integer NOT NULL
);
CREATE UNIQUE INDEX friendship_pair_idx ON app.friendship ((LEAST(a, b)), (GREATEST(a, b)));
