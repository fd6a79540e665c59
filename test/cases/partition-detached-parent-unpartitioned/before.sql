CREATE SCHEMA app;
CREATE TABLE app.visit (
    id integer,
    site text,
    seen date,
    CONSTRAINT visit_site_id_key UNIQUE (site, id)
) PARTITION BY LIST (site);
CREATE INDEX visit_seen_idx ON app.visit (seen);
CREATE TABLE app.visit_a PARTITION OF app.visit FOR VALUES IN ('a');
CREATE TABLE app.tag (site text, id integer, label text) PARTITION BY LIST (site);
CREATE TABLE app.tag_a PARTITION OF app.tag FOR VALUES IN ('a');
ALTER TABLE app.tag ADD CONSTRAINT tag_visit_fkey FOREIGN KEY (site, id) REFERENCES app.visit (site, id);
INSERT INTO app.visit VALUES (1, 'a', '2024-01-01');
INSERT INTO app.tag VALUES ('a', 1, 'x');
