CREATE SCHEMA app;
-- named so that alphabetical order puts the referencing table first
CREATE TABLE app.z_region (
    code text NOT NULL,
    name text NOT NULL,
    CONSTRAINT z_region_code_key UNIQUE (code)
);
CREATE TABLE app.a_store (
    id integer PRIMARY KEY,
    region_code text NOT NULL,
    CONSTRAINT a_store_region_fk FOREIGN KEY (region_code) REFERENCES app.z_region (code)
);
