CREATE SCHEMA app;
CREATE SEQUENCE app.ticket_new_seq START 100;
CREATE TABLE app.ticket (id bigint DEFAULT nextval('app.ticket_new_seq') PRIMARY KEY, title text);
