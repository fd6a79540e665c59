CREATE SCHEMA app;
CREATE TABLE app.counter (
    n integer NOT NULL DEFAULT 0,
    label text
);
INSERT INTO app.counter (label) VALUES ('a');
