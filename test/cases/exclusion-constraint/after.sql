CREATE SCHEMA app;
CREATE TABLE app.booking (
    id integer PRIMARY KEY,
    room integer NOT NULL,
    during tstzrange NOT NULL,
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0)
);
