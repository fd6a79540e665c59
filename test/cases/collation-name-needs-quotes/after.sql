CREATE SCHEMA app;
-- ICU collations are named with dashes: every place that names one must quote it
CREATE DOMAIN app.label AS text COLLATE "en-US-x-icu";
CREATE TYPE app.address AS (street text COLLATE "en-US-x-icu", city text);
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    name text COLLATE "en-US-x-icu",
    nickname app.label
);
CREATE INDEX person_name_idx ON app.person (name COLLATE "de-x-icu");
CREATE TABLE app.city (id integer PRIMARY KEY, name text COLLATE "de-x-icu", home app.address);
