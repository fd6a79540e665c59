CREATE SCHEMA app;
CREATE TABLE app.seat (
    id integer PRIMARY KEY,
    position integer NOT NULL,
    CONSTRAINT seat_position_key UNIQUE (position)
);
INSERT INTO app.seat VALUES (1, 1), (2, 2);
