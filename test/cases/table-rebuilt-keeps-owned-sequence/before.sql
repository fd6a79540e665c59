CREATE SCHEMA app;
-- partitioned the old way (inheritance and insert rules), becoming declarative: the parent is made anew
CREATE TABLE app.payment (id serial PRIMARY KEY, paid date NOT NULL, amount numeric(5,2) NOT NULL);
CREATE TABLE app.paid_2019 (CHECK (paid < '2020-01-01')) INHERITS (app.payment);
CREATE TABLE app.paid_2020 (CHECK (paid >= '2020-01-01')) INHERITS (app.payment);
CREATE RULE payment_insert_2019 AS ON INSERT TO app.payment WHERE new.paid < '2020-01-01'
  DO INSTEAD INSERT INTO app.paid_2019 (id, paid, amount) VALUES (DEFAULT, new.paid, new.amount);
CREATE RULE payment_insert_2020 AS ON INSERT TO app.payment WHERE new.paid >= '2020-01-01'
  DO INSTEAD INSERT INTO app.paid_2020 (id, paid, amount) VALUES (DEFAULT, new.paid, new.amount);
INSERT INTO app.payment (paid, amount) VALUES ('2019-05-01', 1), ('2020-05-01', 2), ('2020-06-01', 3);
-- a sequence a column owns explicitly (not a serial), on a table whose partition key changes
CREATE SEQUENCE app.event_no;
CREATE TABLE app.event (no bigint NOT NULL DEFAULT nextval('app.event_no'), kind text NOT NULL) PARTITION BY LIST (kind);
ALTER SEQUENCE app.event_no OWNED BY app.event.no;
SELECT nextval('app.event_no'), nextval('app.event_no');
