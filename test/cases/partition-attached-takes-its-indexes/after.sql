CREATE SCHEMA app;
CREATE TABLE app.event (id bigint NOT NULL, at date NOT NULL, kind text, CONSTRAINT event_pkey PRIMARY KEY (id, at))
    PARTITION BY RANGE (at);
CREATE INDEX event_kind_idx ON app.event (kind);
CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.event_2025 PARTITION OF app.event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE app.event_2025 ADD CONSTRAINT event_2025_range CHECK (at >= '2025-01-01' AND at < '2026-01-01');
CREATE TABLE app.log (id int, note text) PARTITION BY LIST (note);
CREATE TABLE app.log_a PARTITION OF app.log FOR VALUES IN ('a');
CREATE INDEX log_id_idx ON app.log (id);
