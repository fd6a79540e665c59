CREATE SCHEMA app;
CREATE TABLE app.measurement (
    sensor_id integer NOT NULL,
    taken_on date NOT NULL,
    value double precision,
    CONSTRAINT measurement_pkey PRIMARY KEY (sensor_id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE app.measurement_2024 PARTITION OF app.measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO app.measurement VALUES (1, '2024-06-01', 1.5);
