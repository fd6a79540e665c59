CREATE SCHEMA app;
CREATE TABLE app.reading (at date NOT NULL, value numeric) PARTITION BY RANGE (at);
CREATE TABLE app.reading_2023 PARTITION OF app.reading FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE app.reading_2024 (at date NOT NULL, value numeric);
INSERT INTO app.reading VALUES ('2023-05-01', 1);
INSERT INTO app.reading_2024 VALUES ('2024-05-01', 2);
