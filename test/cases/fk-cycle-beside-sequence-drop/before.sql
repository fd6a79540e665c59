CREATE SCHEMA app;
CREATE TABLE app.a (id integer, k text, n serial NOT NULL, UNIQUE (k, id));
CREATE TABLE app.b (id integer, k text, UNIQUE (k, id));
ALTER TABLE app.a ADD CONSTRAINT a_b FOREIGN KEY (k, id) REFERENCES app.b (k, id);
ALTER TABLE app.b ADD CONSTRAINT b_a FOREIGN KEY (k, id) REFERENCES app.a (k, id);
