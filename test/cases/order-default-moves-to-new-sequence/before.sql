CREATE SCHEMA app;
CREATE SEQUENCE app.ticket_old_seq;
CREATE TABLE app.ticket (id bigint DEFAULT nextval('app.ticket_old_seq') PRIMARY KEY, title text);
INSERT INTO app.ticket (title) VALUES ('first');
