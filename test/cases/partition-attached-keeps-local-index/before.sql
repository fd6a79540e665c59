CREATE SCHEMA app;
CREATE TABLE app.reading (id integer, sensor text, value numeric) PARTITION BY LIST (sensor);
CREATE INDEX reading_sensor_id_idx ON app.reading (sensor, id);
CREATE TABLE app.reading_t1 (id integer, sensor text, value numeric);
CREATE INDEX reading_t1_local ON app.reading_t1 (sensor, id);
INSERT INTO app.reading_t1 VALUES (1, 't1', 2.5);
