CREATE SCHEMA app;
-- a column dropped from the parents takes the partition's and child's copies, and the index and CHECK on them
CREATE TABLE app.measure (id integer, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.measure_2024 PARTITION OF app.measure FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.log (id integer);
CREATE TABLE app.log_old () INHERITS (app.log);
