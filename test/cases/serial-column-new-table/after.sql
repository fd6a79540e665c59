CREATE SCHEMA app;
CREATE TABLE app.ticket (
    id serial PRIMARY KEY,
    title text NOT NULL
);
