CREATE SCHEMA app;
CREATE TABLE app.sale (
    id integer PRIMARY KEY,
    region text NOT NULL,
    amount numeric(10,2) NOT NULL
);
CREATE MATERIALIZED VIEW app.region_total AS SELECT region, sum(amount) AS total, count(*) AS sales FROM app.sale GROUP BY region;
CREATE UNIQUE INDEX region_total_region_idx ON app.region_total (region);
COMMENT ON MATERIALIZED VIEW app.region_total IS 'sales per region';
