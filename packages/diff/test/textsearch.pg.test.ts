import { describe, expect, it } from "vitest";
import { parseRenameHint } from "@pgvc/diff";
import { ensureRole, testServerUrl } from "@pgvc/testkit";
import { roundTrip as run } from "./roundtrip.js";

/** The migration's statements as one text, for order and fragment checks. */
async function roundTrip(before: string, after: string): Promise<{ sql: string; list: string[] }> {
  const { sql } = await run(before, after);
  return { sql: sql.join(";\n"), list: sql };
}

const schema = "CREATE SCHEMA app;";
const parser = `CREATE TEXT SEARCH PARSER app.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);`;
const template = `CREATE TEXT SEARCH TEMPLATE app.tpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);`;

describe("text search round trips", () => {
  it("creates a configuration on the default parser with its mappings, and a dictionary it uses", async () => {
    const { sql } = await roundTrip(
      schema,
      `${schema}
       CREATE TEXT SEARCH DICTIONARY app.stop (TEMPLATE = simple, STOPWORDS = english);
       CREATE TEXT SEARCH CONFIGURATION app.cfg (COPY = pg_catalog.english);
       ALTER TEXT SEARCH CONFIGURATION app.cfg ALTER MAPPING FOR asciiword WITH app.stop, english_stem;
       COMMENT ON TEXT SEARCH CONFIGURATION app.cfg IS 'the shop''s search';`,
    );
    expect(sql).toContain('CREATE TEXT SEARCH CONFIGURATION app.cfg (PARSER = pg_catalog."default")');
    expect(sql).toContain("CREATE TEXT SEARCH DICTIONARY app.stop (TEMPLATE = pg_catalog.simple, stopwords = 'english')");
    expect(sql.indexOf("CREATE TEXT SEARCH DICTIONARY")).toBeLessThan(sql.indexOf("WITH app.stop"));
  });

  it("adds, changes and drops mappings in place", async () => {
    const base = `${schema} CREATE TEXT SEARCH CONFIGURATION app.cfg (PARSER = default);`;
    const { sql } = await roundTrip(
      `${base} ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR asciiword, word WITH simple;
               ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR email WITH simple;`,
      `${base} ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR asciiword WITH english_stem, simple;
               ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR word, url WITH simple;`,
    );
    expect(sql).toContain("ALTER TEXT SEARCH CONFIGURATION app.cfg DROP MAPPING FOR email");
    expect(sql).toContain(
      "ALTER TEXT SEARCH CONFIGURATION app.cfg ALTER MAPPING FOR asciiword WITH pg_catalog.english_stem, pg_catalog.simple",
    );
    expect(sql).toContain("ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR url WITH pg_catalog.simple");
    expect(sql).not.toMatch(/DROP TEXT SEARCH CONFIGURATION/);
  });

  it("changes a dictionary's options with ALTER, keeping the configuration that uses it", async () => {
    const cfg = `CREATE TEXT SEARCH CONFIGURATION app.cfg (PARSER = default);
                 ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR asciiword WITH app.stop;`;
    const { list } = await roundTrip(
      `${schema} CREATE TEXT SEARCH DICTIONARY app.stop (TEMPLATE = simple, STOPWORDS = english, ACCEPT = false); ${cfg}`,
      `${schema} CREATE TEXT SEARCH DICTIONARY app.stop (TEMPLATE = simple, STOPWORDS = russian); ${cfg}`,
    );
    expect(list).toEqual(["ALTER TEXT SEARCH DICTIONARY app.stop (accept, stopwords = 'russian')"]);
  });

  it("creates parsers, templates and the objects built on them, and drops them in reverse order", async () => {
    const objects = `${parser} ${template}
      CREATE TEXT SEARCH DICTIONARY app.d (TEMPLATE = app.tpl);
      CREATE TEXT SEARCH CONFIGURATION app.c (PARSER = app.prs);
      ALTER TEXT SEARCH CONFIGURATION app.c ADD MAPPING FOR word WITH app.d;
      COMMENT ON TEXT SEARCH PARSER app.prs IS 'a copy of the default parser';`;
    const created = await roundTrip(schema, `${schema} ${objects}`);
    expect(created.sql).toContain(
      "CREATE TEXT SEARCH PARSER app.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)",
    );
    expect(created.sql).toContain("CREATE TEXT SEARCH TEMPLATE app.tpl (INIT = dsimple_init, LEXIZE = dsimple_lexize)");
    const dropped = await roundTrip(`${schema} ${objects}`, schema);
    const order = ["DROP TEXT SEARCH CONFIGURATION app.c", "DROP TEXT SEARCH PARSER app.prs"].map((s) => dropped.sql.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order[0]).toBeLessThan(order[1] as number);
    expect(dropped.sql.indexOf("DROP TEXT SEARCH DICTIONARY app.d")).toBeLessThan(dropped.sql.indexOf("DROP TEXT SEARCH TEMPLATE app.tpl"));
  });

  it("re-creates a configuration whose parser changed", async () => {
    const { sql } = await roundTrip(
      `${schema} ${parser} CREATE TEXT SEARCH CONFIGURATION app.c (PARSER = default);`,
      `${schema} ${parser} CREATE TEXT SEARCH CONFIGURATION app.c (PARSER = app.prs);`,
    );
    expect(sql).toContain("DROP TEXT SEARCH CONFIGURATION app.c");
    expect(sql).toContain("CREATE TEXT SEARCH CONFIGURATION app.c (PARSER = app.prs)");
  });

  it("renames a configuration and changes its owner and comment in place", async () => {
    await ensureRole(testServerUrl(), "pgvc_ts_diff_owner");
    const cfg =
      "CREATE TEXT SEARCH CONFIGURATION app.c (PARSER = default); ALTER TEXT SEARCH CONFIGURATION app.c ADD MAPPING FOR word WITH simple;";
    const { sql } = await run(
      `${schema} ${cfg}`,
      `${schema} ${cfg.replaceAll("app.c ", "app.c2 ")} ALTER TEXT SEARCH CONFIGURATION app.c2 OWNER TO pgvc_ts_diff_owner;
       COMMENT ON TEXT SEARCH CONFIGURATION app.c2 IS 'renamed';`,
      { diff: { renames: [parseRenameHint("text search configuration:app.c=c2")] } },
    );
    expect(sql).toEqual(["ALTER TEXT SEARCH CONFIGURATION app.c RENAME TO c2", "COMMENT ON TEXT SEARCH CONFIGURATION app.c2 IS 'renamed'"]);
  });
});
