CREATE SCHEMA app;
-- loses an attribute and gains another: its typed table follows (CASCADE)
CREATE TYPE app.address AS (street text, city text, zip text);
CREATE TABLE app.home OF app.address (zip WITH OPTIONS DEFAULT '00000');
