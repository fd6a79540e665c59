CREATE SCHEMA app;
CREATE TABLE app.project (id integer PRIMARY KEY, name text NOT NULL, client integer);
-- views that select from themselves: PostgreSQL takes them through CREATE OR REPLACE
-- (and refuses them only when they are queried); a new one must be made the same way
CREATE VIEW app.looping AS SELECT * FROM app.project;
CREATE OR REPLACE VIEW app.looping AS SELECT * FROM app.looping;
CREATE VIEW app.branch AS SELECT id, name FROM app.project;
CREATE OR REPLACE VIEW app.branch AS SELECT id, name FROM app.project UNION ALL SELECT b.id, b.name FROM app.branch b WHERE b.id < 0;
COMMENT ON VIEW app.branch IS 'reads itself in one branch';
-- a view over one of them
CREATE VIEW app.named AS SELECT name FROM app.branch;
-- one with no columns at all (an empty select list)
CREATE VIEW app.hollow AS SELECT FROM app.project;
CREATE OR REPLACE VIEW app.hollow AS SELECT FROM app.hollow;
