SET check_function_bodies = false;
CREATE SCHEMA app;
CREATE FUNCTION app.order_total() RETURNS bigint LANGUAGE sql STABLE SET search_path = app
  AS $$ SELECT count(*) + bonus() FROM orders $$;
CREATE FUNCTION app.first_mood() RETURNS text LANGUAGE sql STABLE SET search_path = app
  AS $$ SELECT 'happy'::mood::text $$;
CREATE FUNCTION app.bonus() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 1::bigint $$;
CREATE TYPE app.mood AS ENUM ('happy', 'sad');
CREATE TABLE app.orders (id integer PRIMARY KEY, extra bigint DEFAULT app.bonus());
