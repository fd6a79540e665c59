CREATE SCHEMA app;
CREATE TABLE app.measure (id integer, at date NOT NULL, station text) PARTITION BY RANGE (at);
CREATE TABLE app.measure_2024 PARTITION OF app.measure FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE UNIQUE INDEX measure_2024_station ON app.measure_2024 (station, id);
CREATE TABLE app.log (id integer, tag text);
CREATE TABLE app.log_old () INHERITS (app.log);
CREATE INDEX log_old_tag ON app.log_old (tag);
ALTER TABLE app.log_old ADD CONSTRAINT log_old_tag_check CHECK (tag <> '');
INSERT INTO app.measure VALUES (1, '2024-03-01', 'n');
