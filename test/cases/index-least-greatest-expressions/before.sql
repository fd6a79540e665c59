CREATE SCHEMA app;
CREATE TABLE app.friendship (
    a integer NOT NULL,
    b integer NOT NULL
);
