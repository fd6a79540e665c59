CREATE SCHEMA app;
-- visit and tag stop being partitioned; their partitions stay as tables of their own,
-- each keeping its copy of its old parent's unique key, under the name PostgreSQL gave it
CREATE TABLE app.visit (
    id integer,
    site text,
    seen date,
    CONSTRAINT visit_site_id_key UNIQUE (site, id)
);
CREATE TABLE app.visit_a (
    id integer,
    site text,
    seen date,
    CONSTRAINT visit_a_site_id_key UNIQUE (site, id)
);
CREATE INDEX visit_a_seen_idx ON app.visit_a (seen);
CREATE TABLE app.tag (site text, id integer, label text);
CREATE TABLE app.tag_a (site text, id integer, label text);
ALTER TABLE app.tag ADD CONSTRAINT tag_visit_fkey FOREIGN KEY (site, id) REFERENCES app.visit (site, id);
