CREATE SCHEMA app;
CREATE TEXT SEARCH PARSER app.words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE app.plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY app.keep_all (TEMPLATE = app.plain, accept = true);
CREATE TEXT SEARCH CONFIGURATION app.docs (PARSER = app.words);
ALTER TEXT SEARCH CONFIGURATION app.docs ADD MAPPING FOR word, asciiword WITH app.keep_all;
