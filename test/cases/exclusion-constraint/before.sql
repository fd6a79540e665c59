CREATE SCHEMA app;
CREATE TABLE app.booking (
    id integer PRIMARY KEY,
    room integer NOT NULL,
    during tstzrange NOT NULL
);
