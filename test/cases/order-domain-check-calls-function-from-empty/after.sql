CREATE SCHEMA app;
CREATE DOMAIN app.d1 AS integer;
CREATE FUNCTION app.all_positive(app.d1[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT 0 < ALL ($1) $$;
CREATE DOMAIN app.d2 AS app.d1[] CHECK (app.all_positive(VALUE));
CREATE FUNCTION app.short(text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length($1) < 10 $$;
CREATE DOMAIN app.code AS text CONSTRAINT code_short CHECK (app.short(VALUE));
CREATE TABLE app.holder (id integer PRIMARY KEY, scores app.d2, code app.code);
