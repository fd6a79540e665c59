import type { Session } from "@pgvc/core";
import type { TableOfContents, TocEntry } from "../archive.js";

/** The kinds of archive entries whose presence a restore checks. */
const checkedKinds = ["MATERIALIZED VIEW", "TABLE", "VIEW", "INDEX", "SEQUENCE", "FUNCTION", "PROCEDURE"];
/** Entry kinds that start like a checked one but are something else. */
const otherKinds = ["MATERIALIZED VIEW DATA ", "TABLE DATA ", "TABLE ATTACH ", "INDEX ATTACH ", "SEQUENCE SET ", "SEQUENCE OWNED BY "];

function isChecked(entry: TocEntry): boolean {
  if (otherKinds.some((kind) => entry.text.startsWith(kind))) return false;
  return checkedKinds.some((kind) => entry.text.startsWith(`${kind} `));
}

/**
 * Every relation and routine of the database, written the way
 * `pg_restore --list` writes its entries: `KIND schema tag owner`, where a
 * routine's tag is `name(argument types)` formatted with an empty search_path,
 * as pg_dump does. Names are not quoted there, so the whole line is compared.
 */
const catalogEntries = `
  SELECT k.kind || ' ' || n.nspname || ' ' || k.tag || ' ' || pg_catalog.pg_get_userbyid(k.owner) AS text
    FROM (SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                WHEN 'i' THEN 'INDEX' WHEN 'I' THEN 'INDEX' WHEN 'S' THEN 'SEQUENCE'
                                ELSE 'TABLE' END AS kind,
                 c.relnamespace AS nsp, c.relname::text AS tag, c.relowner AS owner
            FROM pg_catalog.pg_class c
           WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I', 'S')
          UNION ALL
          SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                 p.pronamespace,
                 p.proname || '(' || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format_type(a.t, NULL), ', ' ORDER BY a.ord)
                                                 FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY AS a(t, ord)), '') || ')',
                 p.proowner
            FROM pg_catalog.pg_proc p
           WHERE p.prokind <> 'a') k
    JOIN pg_catalog.pg_namespace n ON n.oid = k.nsp
   ORDER BY 1`;

export interface ObjectCheck {
  /** How many tables, views, functions, indexes and sequences the archive lists. */
  expected: number;
  /** Those the restored database lacks, as the archive lists them. */
  missing: string[];
}

/** Check that a restored database holds every relation and routine the archive lists. */
export async function checkRestoredObjects(session: Session, toc: TableOfContents): Promise<ObjectCheck> {
  await session.query("SELECT pg_catalog.set_config('search_path', '', false)");
  const { rows } = await session.query<{ text: string }>(catalogEntries);
  const present = new Set(rows.map((r) => r.text.trimEnd()));
  const expected = toc.entries.filter(isChecked);
  const missing = expected.filter((e) => !present.has(e.text.trimEnd())).map((e) => e.text);
  return { expected: expected.length, missing };
}
