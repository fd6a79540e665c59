CREATE SCHEMA app;
CREATE TABLE app.event (
    id integer PRIMARY KEY,
    kind text,
    payload text,
    score integer
);
ALTER TABLE app.event ALTER COLUMN kind SET (n_distinct = -0.02);
ALTER TABLE app.event ALTER COLUMN kind SET STATISTICS 500;
ALTER TABLE app.event ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE app.event ALTER COLUMN payload SET COMPRESSION pglz;
ALTER TABLE app.event ALTER COLUMN score SET (n_distinct_inherited = 5);
