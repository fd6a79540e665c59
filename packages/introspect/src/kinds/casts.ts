import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember } from "../sql.js";

interface Row {
  source: string;
  target: string;
  function: string | null;
  castcontext: string;
  castmethod: string;
  description: string | null;
}

const contexts: Record<string, string> = { e: "explicit", a: "assignment", i: "implicit" };
const methods: Record<string, string> = { f: "function", i: "inout", b: "binary" };

/** `(SOURCE as TARGET)`, types as format_type prints them: the key of `cast (...)`. */
export function castKey(source: string, target: string): string {
  return `(${source} as ${target})`;
}

/**
 * `cast (SOURCE as TARGET)`: function, context, method. The built-in casts
 * (oids below 16384), those of extensions and those PostgreSQL makes itself
 * (a range to its multirange, an internal dependency) are left out. The function is
 * written `schema.name(argument types)` as regprocedure prints it, with a
 * space after each comma as in function keys.
 */
export const casts = defineKind<Row>({
  name: "casts",
  scope: "database",
  query() {
    const text = `
      SELECT pg_catalog.format_type(c.castsource, NULL) AS source, pg_catalog.format_type(c.casttarget, NULL) AS target,
             CASE WHEN c.castfunc <> 0 THEN pg_catalog.replace(c.castfunc::pg_catalog.regprocedure::text, ',', ', ') END AS function,
             c.castcontext, c.castmethod, d.description
        FROM pg_catalog.pg_cast c
        ${descriptionJoin("d", "pg_cast", "c.oid")}
       WHERE c.oid >= 16384
         AND ${notExtensionMember("pg_cast", "c.oid")}
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                          WHERE i.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass AND i.objid = c.oid AND i.deptype = 'i')
       ORDER BY 1, 2`;
    return { text, params: [] };
  },
  apply(rows, db) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      setIf(object, "function", row.function);
      object.context = contexts[row.castcontext];
      object.method = methods[row.castmethod];
      setIf(object, "description", row.description);
      (db.casts ??= {})[castKey(row.source, row.target)] = object as never;
    }
  },
});
