CREATE SCHEMA app;
CREATE TABLE app.region (code text PRIMARY KEY);
CREATE TABLE app.sale (
    id integer NOT NULL,
    region text NOT NULL REFERENCES app.region,
    amount integer CHECK (amount > 0),
    CONSTRAINT sale_pk PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE INDEX sale_amount_idx ON app.sale (amount);
CREATE TABLE app.sale_us PARTITION OF app.sale FOR VALUES IN ('us');
-- sale_eu leaves the partitioned table: it keeps what PostgreSQL had copied to it as a
-- partition (its key, as sale_eu_pkey, the foreign key and the check), not the amount index
CREATE TABLE app.sale_eu (
    id integer NOT NULL,
    region text NOT NULL,
    amount integer,
    CONSTRAINT sale_eu_pkey PRIMARY KEY (id, region),
    CONSTRAINT sale_region_fkey FOREIGN KEY (region) REFERENCES app.region,
    CONSTRAINT sale_amount_check CHECK (amount > 0)
);
