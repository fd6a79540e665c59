CREATE SCHEMA app;
CREATE TABLE app.invoice (
    id serial PRIMARY KEY,
    total numeric
);
INSERT INTO app.invoice (total) VALUES (10), (20);
