CREATE SCHEMA app;
CREATE TABLE app.diary (id integer PRIMARY KEY, mood text, spent numeric(10,2));
