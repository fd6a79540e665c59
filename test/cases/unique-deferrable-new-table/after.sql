CREATE SCHEMA app;
CREATE TABLE app.seat (
    id integer PRIMARY KEY,
    position integer NOT NULL,
    CONSTRAINT seat_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED
);
