CREATE SCHEMA app;
CREATE TABLE app.edge (
    src integer NOT NULL,
    dst integer NOT NULL,
    label text
);
CREATE INDEX edge_label_idx ON app.edge (lower(label));
CREATE INDEX edge_ends_idx ON app.edge USING gin ((ARRAY[src, dst]));
CREATE INDEX edge_mixed_idx ON app.edge (src, (lower(label)), (dst + 1)) WHERE label IS NOT NULL;
