CREATE SCHEMA app;
CREATE TEXT SEARCH CONFIGURATION app.product_search (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION app.product_search
    ADD MAPPING FOR asciiword, word WITH pg_catalog.english_stem;
