CREATE SCHEMA app;
CREATE TABLE app.region (code text PRIMARY KEY);
INSERT INTO app.region VALUES ('eu'), ('us');
CREATE TABLE app.sale (
    id integer NOT NULL,
    region text NOT NULL REFERENCES app.region,
    amount integer CHECK (amount > 0),
    CONSTRAINT sale_pk PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE INDEX sale_amount_idx ON app.sale (amount);
CREATE TABLE app.sale_eu PARTITION OF app.sale FOR VALUES IN ('eu');
CREATE TABLE app.sale_us PARTITION OF app.sale FOR VALUES IN ('us');
INSERT INTO app.sale VALUES (1, 'eu', 10), (2, 'us', 20);
