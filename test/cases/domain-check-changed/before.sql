CREATE SCHEMA app;
CREATE DOMAIN app.amount AS numeric(12,2)
    CONSTRAINT amount_nonnegative CHECK (VALUE >= 0);
CREATE TABLE app.payment (
    id integer PRIMARY KEY,
    amount app.amount
);
INSERT INTO app.payment VALUES (1, 12.50);
