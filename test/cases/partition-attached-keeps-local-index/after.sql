CREATE SCHEMA app;
CREATE TABLE app.reading (id integer, sensor text, value numeric) PARTITION BY LIST (sensor);
CREATE TABLE app.reading_t1 (id integer, sensor text, value numeric);
ALTER TABLE app.reading ATTACH PARTITION app.reading_t1 FOR VALUES IN ('t1');
-- the parent's index gets a copy of its own on the partition; the partition's own index,
-- made after, stays its own
CREATE INDEX reading_sensor_id_idx ON app.reading (sensor, id);
CREATE INDEX reading_t1_local ON app.reading_t1 (sensor, id);
