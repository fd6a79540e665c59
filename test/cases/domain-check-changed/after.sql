CREATE SCHEMA app;
CREATE DOMAIN app.amount AS numeric(12,2)
    CONSTRAINT amount_nonnegative CHECK (VALUE >= 0 AND VALUE < 1000000);
CREATE TABLE app.payment (
    id integer PRIMARY KEY,
    amount app.amount
);
