CREATE SCHEMA app;
CREATE TABLE app.payment (id serial, paid date NOT NULL, amount numeric(5,2) NOT NULL, PRIMARY KEY (id, paid)) PARTITION BY RANGE (paid);
CREATE TABLE app.paid_2021 PARTITION OF app.payment FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE SEQUENCE app.event_no;
CREATE TABLE app.event (no bigint NOT NULL DEFAULT nextval('app.event_no'), kind text NOT NULL) PARTITION BY RANGE (no);
ALTER SEQUENCE app.event_no OWNED BY app.event.no;
