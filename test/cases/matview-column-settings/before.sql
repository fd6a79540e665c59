CREATE SCHEMA app;
CREATE TABLE app.sale (id integer PRIMARY KEY, region text NOT NULL, note text, amount numeric NOT NULL);
CREATE MATERIALIZED VIEW app.region_total AS
    SELECT region, sum(amount) AS total, max(note) AS last_note FROM app.sale GROUP BY region;
ALTER MATERIALIZED VIEW app.region_total ALTER COLUMN region SET STATISTICS 80;
ALTER MATERIALIZED VIEW app.region_total ALTER COLUMN total SET STATISTICS 21;
ALTER MATERIALIZED VIEW app.region_total ALTER COLUMN last_note SET STORAGE EXTERNAL;
