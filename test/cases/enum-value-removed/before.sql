CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'meh', 'sad');
CREATE TABLE app.diary (
    id integer PRIMARY KEY,
    mood app.mood NOT NULL DEFAULT 'happy'
);
INSERT INTO app.diary VALUES (1, 'happy'), (2, 'sad');
