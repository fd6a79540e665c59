import { publishedOperations, type Database, type Publication } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import type { Expressions } from "../normalize.js";
import { deepEqual } from "../compare.js";
import { ident, identList, literal, qname, splitDotted } from "../render.js";
import { statement, type Statement } from "../statement.js";

type PublishedTable = NonNullable<Publication["tables"]>[number];

/**
 * Publications (logical replication): `publication billing`. Tables and
 * schemas join and leave with ALTER PUBLICATION ADD / DROP (a table whose
 * column list or row filter changes leaves and joins again); the operations
 * published with SET (...). Going to or from FOR ALL TABLES drops and
 * creates. A table dropped by the migration leaves its publications with
 * it; one dropped and created again joins them again.
 */
export const publicationDiffer: KindDiffer<Publication> = {
  kind: "publication",
  dependencyKinds: ["table", "schema", "column"],
  items(db: Database): Item<Publication>[] {
    const publications = db.publications ?? {};
    return Object.keys(publications)
      .sort()
      .map((name) => ({ ref: `publication ${name}`, kind: "publication", name, value: publications[name] as Publication }));
  },
  create(item, ctx) {
    const p = item.value;
    const members = renderMembers(p, ctx, ctx.to);
    const scope = p.all_tables ? " FOR ALL TABLES" : members !== "" ? ` FOR ${members}` : "";
    const options = changedOptions({}, p);
    const sql = `CREATE PUBLICATION ${ident(item.name)}${scope}${options.length > 0 ? ` WITH (${options.join(", ")})` : ""}`;
    return [statement("create", item.ref, sql, "main", { requires: memberRefs(p) })];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP PUBLICATION ${ident(item.name)}`, "drop")];
  },
  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    if (Boolean(a.all_tables) !== Boolean(b.all_tables)) return { rebuild: "FOR ALL TABLES cannot be set or unset by ALTER PUBLICATION" };
    const out = memberChanges(to, a, b, ctx);
    const options = changedOptions(a, b);
    if (options.length > 0) out.push(alter(to, `SET (${options.join(", ")})`, []));
    return out;
  },
  rename(from, to) {
    return [statement("rename", to.ref, `ALTER PUBLICATION ${ident(from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },
  target(item): SqlTarget {
    const name = `PUBLICATION ${ident(item.name)}`;
    return { comment: name, owner: name };
  },
  /** Its tables and schemas, and the columns its column lists and row filters name (dropped after it lets them go). */
  dependencies(item, db) {
    return [...memberRefs(item.value), ...(item.value.tables ?? []).flatMap((t) => columnRefs(t, db))];
  },
};

/** `{schema, name}` of a table as the model names it (`app.orders`, `app."Order"`). */
function tableName(t: PublishedTable): { schema: string | undefined; name: string } {
  const parts = splitDotted(t.name);
  return parts.length >= 2 ? { schema: parts[0], name: parts.slice(1).join(".") } : { schema: undefined, name: parts[0] ?? t.name };
}

function tableRef(t: PublishedTable): string {
  const { schema, name } = tableName(t);
  return `table ${schema ?? "public"}.${name}`;
}

function memberRefs(p: Publication): string[] {
  return [...(p.tables ?? []).map(tableRef), ...(p.schemas ?? []).map((s) => `schema ${s}`)];
}

/** The table's columns that its column list or row filter names. */
function columnRefs(t: PublishedTable, db: Database): string[] {
  const { schema, name } = tableName(t);
  const columns = db.schemas[schema ?? "public"]?.tables?.[name]?.columns ?? [];
  const words = new Set([...(t.columns ?? []), ...(t.where?.match(/[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"/g) ?? []).map(unquote)]);
  return columns.filter((c) => words.has(c.name)).map((c) => `column ${schema ?? "public"}.${name}.${c.name}`);
}

function unquote(word: string): string {
  return word.startsWith('"') ? word.slice(1, -1).replaceAll('""', '"') : word.toLowerCase();
}

/** `TABLE app.orders, app.items (id) WHERE (id > 0), TABLES IN SCHEMA audit`, as CREATE and SET take them. */
function renderMembers(p: Publication, scope: DiffScope, db: Database): string {
  const tables = (p.tables ?? []).map((t) => renderTable(t, scope, db));
  const schemas = (p.schemas ?? []).map(ident);
  return [tables.length > 0 ? `TABLE ${tables.join(", ")}` : "", schemas.length > 0 ? `TABLES IN SCHEMA ${schemas.join(", ")}` : ""]
    .filter((m) => m !== "")
    .join(", ");
}

/**
 * `app.orders (id, total) WHERE (total > 0)`; ONLY when other tables inherit
 * from it (without it they would join too, though the publication does not
 * list them).
 */
function renderTable(t: PublishedTable, scope: DiffScope, db: Database): string {
  const { schema, name } = tableName(t);
  const only = hasChildren(scope, db, schema ?? "public", name) ? "ONLY " : "";
  const columns = t.columns && t.columns.length > 0 ? ` (${identList(t.columns)})` : "";
  return `${only}${qname(schema, name)}${columns}${t.where !== undefined ? ` WHERE (${stripParens(t.where)})` : ""}`;
}

/** Whether a table of `db` inherits from `schema.name` (the parents of each model listed once per diff). */
function hasChildren(scope: DiffScope, db: Database, schema: string, name: string): boolean {
  return scope.memo(db, "inheritance parents", () => inheritanceParents(db)).has(`${schema}\u0000${name}`);
}

function inheritanceParents(db: Database): Set<string> {
  const parents = new Set<string>();
  for (const [s, contents] of Object.entries(db.schemas)) {
    for (const t of Object.values(contents.tables ?? {})) {
      for (const p of t.inherits ?? []) {
        const parts = splitDotted(p);
        parents.add(parts.length >= 2 ? `${parts[0]}\u0000${parts.slice(1).join(".")}` : `${s}\u0000${p}`);
      }
    }
  }
  return parents;
}

function stripParens(expr: string): string {
  const t = expr.trim();
  if (!t.startsWith("(") || !t.endsWith(")")) return t;
  let depth = 0;
  for (let i = 0; i < t.length - 1; i++) {
    if (t[i] === "(") depth++;
    else if (t[i] === ")") depth--;
    if (depth === 0) return t;
  }
  return t.slice(1, -1);
}

function sameTable(expressions: Expressions, a: PublishedTable, b: PublishedTable): boolean {
  return deepEqual([...(a.columns ?? [])].sort(), [...(b.columns ?? [])].sort()) && expressions.same(a.where, b.where);
}

/**
 * The tables and schemas, when they change: SET names them all (those that
 * stay are left alone), so that a table dropped by the migration, which
 * leaves the publication with its drop, is never named; DROP when none stays.
 * A table dropped and created again joins again.
 */
function memberChanges(to: Item<Publication>, a: Publication, b: Publication, ctx: DiffContext): Statement[] {
  const before = new Map((a.tables ?? []).map((t) => [tableRef(t), t]));
  const after = new Map((b.tables ?? []).map((t) => [tableRef(t), t]));
  const [schemasBefore, schemasAfter] = [new Set(a.schemas ?? []), new Set(b.schemas ?? [])];
  const stays = (ref: string) => !ctx.isDropped(ref);
  const leave = [...before.keys()].filter((ref) => !after.has(ref) && stays(ref));
  const leaveSchemas = [...schemasBefore].filter((s) => !schemasAfter.has(s) && stays(`schema ${s}`));
  const join = [...after].filter(
    ([ref, t]) => !before.has(ref) || !sameTable(ctx.expressions, before.get(ref) as PublishedTable, t) || !stays(ref),
  );
  const joinSchemas = [...schemasAfter].filter((s) => !schemasBefore.has(s) || !stays(`schema ${s}`));
  if (leave.length + leaveSchemas.length + join.length + joinSchemas.length === 0) return [];
  if (after.size + schemasAfter.size > 0) return [alter(to, `SET ${renderMembers(b, ctx, ctx.to)}`, memberRefs(b))];
  const out: Statement[] = [];
  if (leave.length > 0)
    out.push(
      alter(
        to,
        `DROP TABLE ${leave.map((ref) => renderTable({ name: (before.get(ref) as PublishedTable).name }, ctx, ctx.from)).join(", ")}`,
        [],
      ),
    );
  if (leaveSchemas.length > 0) out.push(alter(to, `DROP TABLES IN SCHEMA ${identList(leaveSchemas)}`, []));
  return out;
}

function alter(to: Item<Publication>, action: string, requires: string[]): Statement {
  return statement("alter", to.ref, `ALTER PUBLICATION ${ident(to.name)} ${action}`, "main", { requires, provides: [] });
}

/** `publish = 'insert, update'`, `publish_via_partition_root = true`: those that differ between `a` and `b`. */
function changedOptions(a: Publication, b: Publication): string[] {
  const out: string[] = [];
  const all = [...publishedOperations];
  const published = (p: Publication) => all.filter((op) => (p.publish ?? all).includes(op));
  if (!deepEqual(published(a), published(b))) out.push(`publish = ${literal(published(b).join(", "))}`);
  if (Boolean(a.publish_via_partition_root) !== Boolean(b.publish_via_partition_root)) {
    out.push(`publish_via_partition_root = ${b.publish_via_partition_root ? "true" : "false"}`);
  }
  return out;
}
