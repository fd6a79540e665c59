CREATE SCHEMA app;
CREATE TEXT SEARCH PARSER app.words (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
COMMENT ON TEXT SEARCH PARSER app.words IS 'the default parser, ours';
CREATE TEXT SEARCH TEMPLATE app.plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE app.plain IS 'lower-cased words';
CREATE TEXT SEARCH DICTIONARY app.keep_all (TEMPLATE = app.plain, accept = false);
CREATE TEXT SEARCH CONFIGURATION app.docs (PARSER = app.words);
ALTER TEXT SEARCH CONFIGURATION app.docs ADD MAPPING FOR word, asciiword, numword WITH app.keep_all;
