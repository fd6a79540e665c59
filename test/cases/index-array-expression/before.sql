CREATE SCHEMA app;
CREATE TABLE app.edge (
    src integer NOT NULL,
    dst integer NOT NULL,
    label text
);
CREATE INDEX edge_label_idx ON app.edge (lower(label));
