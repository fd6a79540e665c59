CREATE SCHEMA app;
CREATE TABLE app.job (
    id integer PRIMARY KEY,
    done boolean NOT NULL DEFAULT false
);
