-- roles: app_reader, app_writer
CREATE SCHEMA app;
CREATE TABLE app.document (
    id integer PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    body text
);
ALTER TABLE app.document ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.document FORCE ROW LEVEL SECURITY;
CREATE POLICY document_read ON app.document FOR SELECT TO app_reader, app_writer USING (true);
CREATE POLICY document_own ON app.document AS RESTRICTIVE FOR UPDATE TO app_writer
    USING (owner_name = current_user) WITH CHECK (owner_name = current_user);
COMMENT ON POLICY document_read ON app.document IS 'everyone may read';
