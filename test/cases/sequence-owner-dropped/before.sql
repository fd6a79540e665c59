CREATE SCHEMA app;
CREATE TABLE app."old orders" ("order no" bigint, note text);
CREATE SEQUENCE app."order numbers" OWNED BY app."old orders"."order no";
CREATE TABLE app.ticket (id bigint, legacy_no bigint);
CREATE SEQUENCE app.ticket_no OWNED BY app.ticket.legacy_no;
CREATE TABLE app.invoice (id bigint);
CREATE SEQUENCE app.invoice_no OWNED BY app.invoice.id;
SELECT setval('app."order numbers"', 41);
SELECT setval('app.ticket_no', 77);
