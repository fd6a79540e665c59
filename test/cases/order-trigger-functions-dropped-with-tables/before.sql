CREATE SCHEMA app;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.changed := now(); RETURN NEW; END $$;
CREATE FUNCTION app.next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;
CREATE TABLE app.audited (id integer PRIMARY KEY, changed timestamptz);
CREATE TABLE app.also_audited (id integer PRIMARY KEY, changed timestamptz, code text DEFAULT app.next_code());
CREATE TRIGGER audited_touch BEFORE UPDATE ON app.audited FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE TRIGGER also_touch BEFORE UPDATE ON app.also_audited FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE VIEW app.recent AS SELECT id FROM app.audited;
CREATE TRIGGER recent_touch INSTEAD OF UPDATE ON app.recent FOR EACH ROW EXECUTE FUNCTION app.touch();
