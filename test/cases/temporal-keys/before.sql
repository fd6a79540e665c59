CREATE SCHEMA app;
CREATE TABLE app.room (id int4range NOT NULL, during daterange NOT NULL, CONSTRAINT room_pkey PRIMARY KEY (id, during));
CREATE TABLE app.booking (room int4range, during daterange, seat int4range);
