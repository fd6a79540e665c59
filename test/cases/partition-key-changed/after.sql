CREATE SCHEMA app;
-- the partition key changes: the table is made anew, and its partitions (at every level) with it
CREATE TABLE app.metric (id integer, kind text, region text) PARTITION BY LIST (region);
CREATE TABLE app.metric_a PARTITION OF app.metric FOR VALUES IN ('a');
CREATE TABLE app.metric_rest PARTITION OF app.metric DEFAULT PARTITION BY LIST (region);
CREATE TABLE app.metric_rest_eu PARTITION OF app.metric_rest FOR VALUES IN ('eu');
