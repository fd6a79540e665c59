CREATE SCHEMA app;
-- the partitioned table is no longer partitioned (made anew); the keys referencing it follow; one partition goes
CREATE TABLE app.account (id integer, region text, PRIMARY KEY (id, region));
CREATE TABLE app.payment (id integer, account integer, region text, FOREIGN KEY (account, region) REFERENCES app.account);
CREATE TABLE app.session (account integer, region text) PARTITION BY LIST (region);
CREATE TABLE app.session_eu PARTITION OF app.session FOR VALUES IN ('eu');
ALTER TABLE app.session ADD CONSTRAINT session_account FOREIGN KEY (account, region) REFERENCES app.account;
