CREATE SCHEMA app;
-- new labels, one of them used at once as a default and in a CHECK and an index predicate
CREATE TYPE app.status AS ENUM ('draft', 'open', 'closed', 'archived');
CREATE TABLE app.ticket (
    id integer PRIMARY KEY,
    status app.status NOT NULL DEFAULT 'draft',
    CONSTRAINT not_archived CHECK (status <> 'archived')
);
CREATE INDEX ticket_drafts ON app.ticket (id) WHERE status = 'draft';
CREATE TABLE app.other (id integer, s app.status);
