CREATE SCHEMA app;
CREATE TEXT SEARCH CONFIGURATION app.product_search (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION app.product_search
    ADD MAPPING FOR asciiword WITH pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION app.product_search
    ADD MAPPING FOR word WITH pg_catalog.simple;
ALTER TEXT SEARCH CONFIGURATION app.product_search
    ADD MAPPING FOR email WITH pg_catalog.simple;
