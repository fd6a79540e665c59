CREATE SCHEMA app;
CREATE TABLE app.sale (
    id integer PRIMARY KEY,
    region text NOT NULL,
    amount numeric(10,2) NOT NULL
);
INSERT INTO app.sale VALUES (1, 'north', 10), (2, 'north', 5), (3, 'south', 7);
CREATE MATERIALIZED VIEW app.region_total AS SELECT region, sum(amount) AS total FROM app.sale GROUP BY region;
CREATE UNIQUE INDEX region_total_region_idx ON app.region_total (region);
COMMENT ON MATERIALIZED VIEW app.region_total IS 'sales per region';
