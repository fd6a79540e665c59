CREATE SCHEMA app;
-- MINVALUE above the current value of one sequence and below that of the other; a descending one's MAXVALUE lowered
CREATE SEQUENCE app.behind MINVALUE 1000 START WITH 1000;
CREATE SEQUENCE app.ahead MINVALUE 1000 START WITH 1000;
CREATE SEQUENCE app.down INCREMENT BY -1 MAXVALUE -100 START WITH -100;
