CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'ok', 'sad');
CREATE TABLE app.diary (
    id integer PRIMARY KEY,
    mood app.mood NOT NULL DEFAULT 'happy'
);
