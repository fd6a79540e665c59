CREATE SCHEMA app;
-- the table owning one sequence goes, the column owning another goes; both sequences stay (one now owned elsewhere)
CREATE SEQUENCE app."order numbers";
CREATE TABLE app.ticket (id bigint, no bigint);
CREATE SEQUENCE app.ticket_no OWNED BY app.ticket.no;
CREATE TABLE app.invoice (id bigint);
CREATE SEQUENCE app.invoice_no;
