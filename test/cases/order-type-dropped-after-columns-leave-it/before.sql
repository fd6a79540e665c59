CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'sad');
CREATE DOMAIN app.amount AS numeric(10,2) CHECK (VALUE >= 0);
CREATE TABLE app.diary (id integer PRIMARY KEY, mood app.mood, spent app.amount);
INSERT INTO app.diary VALUES (1, 'happy', 2.50);
