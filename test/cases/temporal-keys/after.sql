CREATE SCHEMA app;
-- keys over time (PostgreSQL 18): a primary key and a unique constraint WITHOUT OVERLAPS, a foreign key with PERIOD
CREATE TABLE app.room (id int4range NOT NULL, during daterange NOT NULL, CONSTRAINT room_pkey PRIMARY KEY (id, during WITHOUT OVERLAPS));
CREATE TABLE app.booking (
    room int4range,
    during daterange,
    seat int4range,
    CONSTRAINT booking_seat UNIQUE (seat, during WITHOUT OVERLAPS),
    CONSTRAINT booking_room FOREIGN KEY (room, PERIOD during) REFERENCES app.room (id, PERIOD during)
);
