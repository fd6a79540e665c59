CREATE SCHEMA app;
CREATE TABLE app.reading (at date NOT NULL, value numeric) PARTITION BY RANGE (at);
CREATE TABLE app.reading_2023 (at date NOT NULL, value numeric);
CREATE TABLE app.reading_2024 PARTITION OF app.reading FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
