import { defineKind, setIf, type ApplyContext } from "../framework.js";
import { descriptionJoin, notExtensionMember, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  oid: number;
  nspname: string;
  relname: string;
  relkind: string;
  owner: string;
  acl: string[] | null;
  description: string | null;
  tablespace: string | null;
  unlogged: boolean;
  reloptions: string[] | null;
  relispartition: boolean;
  bound: string | null;
  partkeydef: string | null;
  parents: [string, string][] | null;
  amname: string | null;
  relrowsecurity: boolean;
  relforcerowsecurity: boolean;
  relreplident: string;
  replident_index: string | null;
  viewdef: string | null;
  relispopulated: boolean;
  server: string | null;
  ftoptions: string[] | null;
  of_type: string | null;
}

const kindByRelkind: Record<string, { yaml: string; field: "tables" | "views" | "materializedViews" | "foreignTables" }> = {
  r: { yaml: "table", field: "tables" },
  p: { yaml: "table", field: "tables" },
  v: { yaml: "view", field: "views" },
  m: { yaml: "materialized view", field: "materializedViews" },
  f: { yaml: "foreign table", field: "foreignTables" },
};

/**
 * Tables (plain and partitioned), views, materialized views and foreign
 * tables: the pg_class rows themselves. Columns, constraints, indexes,
 * triggers, rules and policies are added by later kinds.
 */
export const relations = defineKind<Row>({
  name: "relations",
  scope: "relation",
  cost: 2,
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT c.oid, n.nspname, c.relname, c.relkind,
             pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl, d.description,
             ts.spcname AS tablespace, c.relpersistence = 'u' AS unlogged, c.reloptions,
             c.relispartition,
             CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS bound,
             CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkeydef,
             (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(pn.nspname, pc.relname) ORDER BY i.inhseqno)
                FROM pg_catalog.pg_inherits i
                JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
                JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
               WHERE i.inhrelid = c.oid) AS parents,
             am.amname, c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
             CASE WHEN c.relreplident = 'i' THEN
               (SELECT ri_c.relname FROM pg_catalog.pg_index ri JOIN pg_catalog.pg_class ri_c ON ri_c.oid = ri.indexrelid
                 WHERE ri.indrelid = c.oid AND ri.indisreplident) END AS replident_index,
             CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END AS viewdef,
             c.relispopulated,
             fs.srvname AS server, ft.ftoptions,
             CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END AS of_type
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace
        LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
        LEFT JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = c.oid
        LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver
        ${descriptionJoin("d", "pg_class", "c.oid")}
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
         AND ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "c", ctx, params)}
         AND ${notExtensionMember("pg_class", "c.oid")}
       ORDER BY n.nspname, c.relname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const kind = kindByRelkind[row.relkind];
      if (!kind) continue;
      const object: Record<string, unknown> = {};
      if (kind.field === "views" || kind.field === "materializedViews") viewAttributes(object, row);
      else tableAttributes(object, row, ctx);
      if (kind.field === "foreignTables") {
        setIf(object, "server", row.server);
        setIf(object, "options", row.ftoptions);
      }
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "relation", row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, kind.field, row.relname, object);
      ctx.registerRelation(row.oid, { schema: row.nspname, name: row.relname, kind: kind.yaml, owner: row.owner, object });
    }
  },
});

function viewAttributes(object: Record<string, unknown>, row: Row): void {
  object.definition = row.viewdef ?? "";
  setIf(object, "options", row.reloptions);
  if (row.relkind === "m") {
    if (!row.relispopulated) object.with_data = false;
    setIf(object, "tablespace", row.tablespace);
  }
}

function tableAttributes(object: Record<string, unknown>, row: Row, ctx: ApplyContext): void {
  setIf(object, "tablespace", row.tablespace);
  if (row.unlogged) object.unlogged = true;
  if (row.relkind !== "f") setIf(object, "options", row.reloptions);
  const parents = (row.parents ?? []).map(([schema, name]) => ctx.nameFrom(row.nspname, schema, name));
  if (row.relispartition) {
    object.partition_of = parents[0];
    setIf(object, "partition_bound_spec", row.bound?.replace(/^FOR VALUES /, ""));
  } else if (parents.length > 0) {
    object.inherits = parents;
  }
  setIf(object, "of_type", row.of_type);
  if (row.partkeydef) object.partition_by = parsePartitionKey(row.partkeydef);
  if (row.amname && row.amname !== "heap") object.access_method = row.amname;
  if (row.relrowsecurity) object.row_level_security = true;
  if (row.relforcerowsecurity) object.force_row_level_security = true;
  if (row.relkind !== "f") replicaIdentity(object, row);
}

const replicaIdentities: Record<string, string> = { f: "full", n: "nothing", i: "index" };

function replicaIdentity(object: Record<string, unknown>, row: Row): void {
  const kind = replicaIdentities[row.relreplident];
  if (!kind) return;
  object.replica_identity = kind;
  if (kind === "index") setIf(object, "replica_identity_index", row.replident_index);
}

/** `RANGE (a, lower(b))` → `{range: ["a", "lower(b)"]}`: items as pg_get_partkeydef prints them. */
export function parsePartitionKey(def: string): Record<string, string[]> {
  const match = /^(\w+) \((.*)\)$/s.exec(def);
  if (!match) return { [def.toLowerCase()]: [] };
  return { [(match[1] as string).toLowerCase()]: splitTopLevel(match[2] as string) };
}

/** Split on commas outside parentheses and quotes. */
export function splitTopLevel(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(text.slice(start).trim());
  return items.filter((item) => item.length > 0);
}
