CREATE SCHEMA app;
CREATE SEQUENCE app.behind START WITH 1;
CREATE SEQUENCE app.ahead START WITH 1;
CREATE SEQUENCE app.down INCREMENT BY -1;
SELECT setval('app.ahead', 5000);
SELECT nextval('app.behind');
