CREATE SCHEMA app;
CREATE TABLE app.address (
    id integer PRIMARY KEY,
    city text NOT NULL,
    zip text NOT NULL,
    country text NOT NULL
);
