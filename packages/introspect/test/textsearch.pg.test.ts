import { describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { schemaFrom } from "./helpers.js";

// Expected values follow the text search documentation: COPY copies the
// source configuration's parser and mappings; built-in parsers, templates
// and dictionaries live in pg_catalog (named bare) and are never listed.
const db = useTestDatabase();
const bare = { noOwner: true, noPrivileges: true };

describe("text search", () => {
  it("reads a configuration copied from english, on the default parser, with the catalog's mappings", async () => {
    const schema = await schemaFrom(
      db.url,
      "ts",
      `
      CREATE TEXT SEARCH CONFIGURATION cfg (COPY = pg_catalog.english);
      COMMENT ON TEXT SEARCH CONFIGURATION cfg IS 'search';`,
      bare,
    );
    const cfg = schema.textSearchConfigurations?.cfg;
    expect(cfg?.parser).toBe("default");
    expect(cfg?.description).toBe("search");
    // What pg_catalog.english maps, read from the catalog.
    const [result] = await execute(
      db.url,
      `
      SELECT t.alias, pg_catalog.array_agg(d.dictname::text ORDER BY m.mapseqno) AS dicts
        FROM pg_catalog.pg_ts_config_map m
        JOIN pg_catalog.pg_ts_config c ON c.oid = m.mapcfg
        JOIN pg_catalog.ts_token_type('default') t ON t.tokid = m.maptokentype
        JOIN pg_catalog.pg_ts_dict d ON d.oid = m.mapdict
       WHERE c.cfgname = 'english' AND c.cfgnamespace = 'pg_catalog'::regnamespace
       GROUP BY t.alias`,
    );
    const english = Object.fromEntries((result?.rows ?? []).map((r: { alias: string; dicts: string[] }) => [r.alias, r.dicts]));
    expect(cfg?.mappings).toEqual(english);
    // As documented: words are stemmed by english_stem, e-mail addresses kept whole by simple, blanks not indexed.
    expect(cfg?.mappings?.asciiword).toEqual(["english_stem"]);
    expect(cfg?.mappings?.email).toEqual(["simple"]);
    expect(cfg?.mappings?.blank).toBeUndefined();
  });

  it("reads dictionaries, parsers, templates and a configuration that uses them", async () => {
    const schema = await schemaFrom(
      db.url,
      "ts2",
      `
      CREATE TEXT SEARCH TEMPLATE tpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
      CREATE TEXT SEARCH TEMPLATE bare_tpl (LEXIZE = dsimple_lexize);
      CREATE TEXT SEARCH PARSER prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
      CREATE TEXT SEARCH DICTIONARY stop (TEMPLATE = simple, STOPWORDS = english, ACCEPT = false);
      CREATE TEXT SEARCH DICTIONARY mine (TEMPLATE = tpl);
      CREATE TEXT SEARCH CONFIGURATION cfg (PARSER = prs);
      ALTER TEXT SEARCH CONFIGURATION cfg ADD MAPPING FOR word, asciiword WITH stop, mine, english_stem;
      COMMENT ON TEXT SEARCH PARSER prs IS 'parser';`,
      bare,
    );
    expect(schema.textSearchTemplates).toEqual({
      tpl: { init: "dsimple_init", lexize: "dsimple_lexize" },
      bare_tpl: { lexize: "dsimple_lexize" },
    });
    expect(schema.textSearchParsers).toEqual({
      prs: {
        start: "prsd_start",
        gettoken: "prsd_nexttoken",
        end: "prsd_end",
        lextypes: "prsd_lextype",
        headline: "prsd_headline",
        description: "parser",
      },
    });
    expect(schema.textSearchDictionaries).toEqual({
      stop: { template: "simple", options: "stopwords = 'english', accept = 'false'" },
      mine: { template: "ts2.tpl" },
    });
    expect(schema.textSearchConfigurations).toEqual({
      cfg: {
        parser: "ts2.prs",
        mappings: { asciiword: ["ts2.stop", "ts2.mine", "english_stem"], word: ["ts2.stop", "ts2.mine", "english_stem"] },
      },
    });
  });
});
