CREATE SCHEMA app;
CREATE TABLE app.event (id bigint NOT NULL, at date NOT NULL, kind text, CONSTRAINT event_pkey PRIMARY KEY (id, at))
    PARTITION BY RANGE (at);
CREATE INDEX event_kind_idx ON app.event (kind);
CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- a table loaded beside the partitioned one and indexed like it, to be attached
CREATE TABLE app.event_2025 (id bigint NOT NULL, at date NOT NULL, kind text,
    CONSTRAINT event_2025_pkey PRIMARY KEY (id, at), CONSTRAINT event_2025_range CHECK (at >= '2025-01-01' AND at < '2026-01-01'));
CREATE INDEX event_2025_kind ON app.event_2025 (kind);
-- the same key in the other order: PostgreSQL would take it too, but the copy would stay DESC
CREATE INDEX event_2025_kind_desc ON app.event_2025 (kind DESC);
INSERT INTO app.event_2025 VALUES (1, '2025-03-01', 'click');
-- a partition with an index of its own that the parent's new index will stand for
CREATE TABLE app.log (id int, note text) PARTITION BY LIST (note);
CREATE TABLE app.log_a PARTITION OF app.log FOR VALUES IN ('a');
CREATE INDEX log_a_id ON app.log_a (id);
