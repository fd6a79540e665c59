// Every hard case (test/cases): both sides introspect without error, and
// every object the catalog holds (listed here by an independent query)
// appears in the model: nothing silently missing.
import { describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import type { Database } from "@pgvc/model";
import { buildCaseDatabase, loadCases, serverMajor } from "../../../test/cases/index.js";
import { introspectUrl } from "./helpers.js";

interface CatalogObject {
  kind: string;
  schema: string;
  parent: string | null;
  name: string;
}

const userSchema = (n: string) => `${n}.nspname NOT IN ('pg_catalog', 'information_schema') AND ${n}.nspname !~ '^pg_(toast|temp_)'`;
const notExtension = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

const inventory = `
  SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                        WHEN 'S' THEN 'sequence' ELSE 'foreign table' END AS kind, n.nspname AS schema, NULL AS parent, c.relname AS name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${userSchema("n")} AND ${notExtension("pg_class", "c.oid")}
  UNION ALL
  SELECT 'index', n.nspname, t.relname, c.relname
    FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE ${userSchema("n")} AND ${notExtension("pg_class", "t.oid")} AND NOT c.relispartition
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
  UNION ALL
  SELECT 'constraint', n.nspname, t.relname, k.conname
    FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND (k.contype = 'c' OR k.conparentid = 0) AND ${userSchema("n")} AND ${notExtension("pg_class", "t.oid")}
  UNION ALL
  SELECT 'domain constraint', n.nspname, t.typname, k.conname
    FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_type t ON t.oid = k.contypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE k.contype = 'c' AND ${userSchema("n")} AND ${notExtension("pg_type", "t.oid")}
  UNION ALL
  SELECT 'trigger', n.nspname, t.relname, g.tgname
    FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class t ON t.oid = g.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND ${userSchema("n")} AND ${notExtension("pg_class", "t.oid")}
  UNION ALL
  SELECT 'policy', n.nspname, t.relname, p.polname
    FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class t ON t.oid = p.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE ${userSchema("n")}
  UNION ALL
  SELECT 'statistics', n.nspname, t.relname, s.stxname
    FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_class t ON t.oid = s.stxrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE ${userSchema("n")}
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, n.nspname, NULL,
         p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE p.prokind IN ('f', 'w', 'p') AND ${userSchema("n")} AND ${notExtension("pg_proc", "p.oid")}
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_catalog.pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, n.nspname, NULL, t.typname
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
   WHERE (t.typtype IN ('e', 'r', 'd') OR (t.typtype = 'c' AND c.relkind = 'c')) AND ${userSchema("n")} AND ${notExtension("pg_type", "t.oid")}
  UNION ALL
  SELECT 'publication', '', NULL, p.pubname FROM pg_catalog.pg_publication p
  UNION ALL
  SELECT 'publication table', '', p.pubname, n.nspname || '.' || c.relname
    FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid
    JOIN pg_catalog.pg_class c ON c.oid = r.prrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  ORDER BY 1, 2, 3, 4`;

const relationFields: Record<string, string> = {
  table: "tables",
  view: "views",
  "materialized view": "materializedViews",
  sequence: "sequences",
  "foreign table": "foreignTables",
  function: "functions",
  procedure: "procedures",
  type: "types",
  domain: "domains",
};
const constraintMaps = ["primary_key", "unique_constraints", "foreign_keys", "check_constraints", "exclusion_constraints"];

function parentObject(schema: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  for (const field of ["tables", "views", "materializedViews", "foreignTables", "domains"]) {
    const found = (schema[field] as Record<string, Record<string, unknown>> | undefined)?.[name];
    if (found) return found;
  }
  return undefined;
}

/** A publication, or a table it names (`schema.table`, written unquoted in the catalog's listing). */
function publicationPresent(model: Database, object: CatalogObject): boolean {
  if (object.kind === "publication") return Boolean(model.publications?.[object.name]);
  const tables = model.publications?.[object.parent ?? ""]?.tables ?? [];
  return tables.some((t) => t.name.replaceAll('"', "") === object.name);
}

function present(model: Database, object: CatalogObject): boolean {
  if (object.kind.startsWith("publication")) return publicationPresent(model, object);
  const schema = model.schemas[object.schema] as Record<string, unknown> | undefined;
  if (!schema) return false;
  const field = relationFields[object.kind];
  if (field) return Boolean((schema[field] as Record<string, unknown> | undefined)?.[object.name]);
  const parent = parentObject(schema, object.parent ?? "");
  if (!parent) return false;
  const has = (map: string) => Boolean((parent[map] as Record<string, unknown> | undefined)?.[object.name]);
  switch (object.kind) {
    case "index":
      return has("indexes");
    case "constraint":
      return constraintMaps.some(has);
    case "domain constraint":
      return has("check_constraints");
    case "trigger":
      return has("triggers");
    case "policy":
      return has("policies");
    case "statistics":
      return has("statistics");
    default:
      return false;
  }
}

async function missingFrom(url: string): Promise<string[]> {
  const model = await introspectUrl(url);
  const [result] = await execute(url, inventory);
  const objects = (result?.rows ?? []) as CatalogObject[];
  return objects.filter((o) => !present(model, o)).map((o) => `${o.kind} ${o.schema}.${o.parent ? `${o.parent}.` : ""}${o.name}`);
}

const cases = loadCases().filter((c) => !c.slow);

describe.concurrent("every hard case introspects completely", () => {
  for (const kase of cases) {
    it(kase.name, async (ctx) => {
      const { testServerUrl } = await import("@pgvc/testkit");
      if ((await serverMajor(testServerUrl())) < kase.minVersion) ctx.skip();
      for (const side of ["before", "after"] as const) {
        const built = await buildCaseDatabase(kase, side);
        try {
          expect(await missingFrom(built.url), `${kase.name}/${side}.sql`).toEqual([]);
        } finally {
          await built.drop();
        }
      }
    });
  }
});
