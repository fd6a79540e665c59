CREATE SCHEMA app;
CREATE TABLE app.sale (id integer PRIMARY KEY, region text NOT NULL, note text, amount numeric NOT NULL);
-- region: statistics target back to the default; total: another target; last_note: storage back to the type's
CREATE MATERIALIZED VIEW app.region_total AS
    SELECT region, sum(amount) AS total, max(note) AS last_note FROM app.sale GROUP BY region;
ALTER MATERIALIZED VIEW app.region_total ALTER COLUMN total SET STATISTICS 35;
-- a new materialized view created with its column settings
CREATE MATERIALIZED VIEW app.note_list AS SELECT id, note FROM app.sale;
ALTER MATERIALIZED VIEW app.note_list ALTER COLUMN note SET STORAGE EXTERNAL;
ALTER MATERIALIZED VIEW app.note_list ALTER COLUMN id SET STATISTICS 150;
