CREATE SCHEMA app;
CREATE TABLE app.product (
    id integer PRIMARY KEY,
    price numeric(10,2)
);
-- an old row that breaks the new rule: the constraint can only be added NOT VALID
INSERT INTO app.product VALUES (1, -5.00), (2, 10.00);
