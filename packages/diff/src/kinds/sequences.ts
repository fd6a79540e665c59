import type { Column, Database, Sequence } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { ident, qname, splitQualified } from "../render.js";
import { catchUp } from "../validate.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { ownedSequence } from "./identity.js";

/**
 * Sequences: `sequence app.orders_id_seq`. A sequence OWNED BY a column is
 * created first (the column's default needs it) and owned once the column
 * exists; one behind an identity column is PostgreSQL's and only its options
 * are altered.
 */
export const sequenceDiffer: KindDiffer<Sequence> = {
  kind: "sequence",

  items(db: Database, scope: DiffScope): Item<Sequence>[] {
    const items = schemaObjects<Sequence>(scope, db, "sequences", "sequence");
    // Sequences behind identity columns come and go with the column: their items say so. The list
    // is shared with other differs through the scope, so each item is copied rather than marked.
    return items.map((item) => (isIdentitySequence(item, db) ? { ...item, form: "identity" } : item));
  },

  create(item, ctx) {
    if (isIdentity(item)) return identityCreated(item, ctx);
    const s = item.value;
    const name = qname(item.schema, item.name);
    const out = [statement("create", item.ref, `CREATE SEQUENCE ${name}${renderOptions(s, undefined)}`, "main")];
    const owned = ownedBy(item);
    if (owned)
      out.push(
        statement("alter", item.ref, `ALTER SEQUENCE ${name} OWNED BY ${owned.sql}`, "main", {
          // PostgreSQL wants the sequence and the table owned by the same role: after both owners are set.
          requires: [item.ref, owned.column, `${item.ref}#owner`, `${owned.table}#owner`],
          provides: [],
        }),
      );
    return out;
  },

  drop(item, ctx) {
    if (isIdentity(item)) return [];
    const owned = ownedBy(item);
    // Dropping the owning column or table drops the sequence.
    if (owned && (ctx.isDropped(owned.column) || ctx.isDropped(owned.table))) return [];
    return [statement("drop", item.ref, `DROP SEQUENCE ${qname(item.schema, item.name)}`, "drop", { hazards: ["irreversible"] })];
  },

  alter(from, to, ctx): AlterResult {
    // A serial's sequence giving its name to an identity (or the reverse): PostgreSQL makes and drops identity sequences itself.
    if (isIdentity(from) !== isIdentity(to)) return { rebuild: "the sequence becomes or stops being an identity column's" };
    const out: Statement[] = [];
    const name = qname(to.schema, to.name);
    const options = renderOptions(to.value, from.value);
    if (options) out.push(...intoRange(to, from.value, to.value), statement("alter", to.ref, `ALTER SEQUENCE ${name}${options}`, "main"));
    if (isIdentity(to)) return out;
    const before = ownedBy(from);
    const after = ownedBy(to);
    if (before?.sql !== after?.sql) {
      const ownedSql = (owner: typeof after) => `ALTER SEQUENCE ${name} OWNED BY ${owner ? owner.sql : "NONE"}`;
      const requires = after ? [after.column, `${to.ref}#owner`, `${after.table}#owner`] : [];
      // Before the old owner is dropped, which would drop the sequence with it: NONE first when the new owner comes later.
      const releases = before ? [before.table, before.column] : [];
      const first = before && after && ctx.isDropped(before.column);
      if (first) out.push(statement("alter", to.ref, ownedSql(undefined), "main", { provides: [], releases }));
      out.push(statement("alter", to.ref, ownedSql(after), "main", { requires, provides: [], ...(first ? {} : { releases }) }));
    }
    return out;
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER SEQUENCE ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item): SqlTarget {
    const name = `SEQUENCE ${qname(item.schema, item.name)}`;
    // An identity sequence's owner is its table's.
    return { comment: name, grant: name, privilegeType: "sequence", ...(isIdentity(item) ? {} : { owner: name }) };
  },

  dependencies(item) {
    const owned = ownedBy(item);
    return owned && isIdentity(item) ? [owned.table] : [];
  },
};

/**
 * An identity sequence the old side does not have under this name. A new
 * identity column (or one becoming identity) names it and sets its options
 * in its GENERATED clause. A column that was already identity had it under
 * another name: renamed, then its options altered.
 */
function identityCreated(item: Item<Sequence>, ctx: DiffContext): Statement[] {
  const owned = ownedBy(item) as { table: string; column: string };
  const column = ctx.fromItem(owned.column)?.value as Column | undefined;
  if (column?.identity === undefined || ctx.isCreated(owned.column)) return [];
  const { schema, name } = splitQualified(item.value.owner_table as string, item.schema);
  const old = ownedSequence(ctx, ctx.from, schema as string, name, item.value.owner_column as string);
  if (!old) return identityOptions(item);
  const rename = `ALTER SEQUENCE ${qname(old.schema, old.name)} RENAME TO ${ident(item.name)}`;
  const out = [statement("alter", item.ref, rename, "main", { requires: [owned.column] })];
  const options = renderOptions({ ...item.value, data_type: undefined }, { ...old.value, data_type: undefined });
  if (options)
    out.push(statement("alter", item.ref, `ALTER SEQUENCE ${qname(item.schema, item.name)}${options}`, "main", { requires: [item.ref] }));
  return out;
}

/**
 * The identity column made its sequence with default options: set the
 * others once the column exists, restarting so the first value is START.
 */
function identityOptions(item: Item<Sequence>): Statement[] {
  const owned = ownedBy(item) as { table: string; column: string };
  const defaults: Sequence = {
    increment_by: 1,
    start_value: item.value.increment_by !== undefined && item.value.increment_by < 0 ? -1 : 1,
    cache_value: 1,
    min_value: null,
    max_value: null,
  };
  const options = renderOptions({ ...item.value, data_type: undefined }, defaults);
  if (!options) return [];
  const restart = item.value.start_value !== undefined ? " RESTART" : "";
  const sql = `ALTER SEQUENCE ${qname(item.schema, item.name)}${options}${restart}`;
  return [statement("alter", item.ref, sql, "main", { requires: [owned.table, owned.column] })];
}

function isIdentity(item: Item<Sequence>): boolean {
  return item.form === "identity";
}

function isIdentitySequence(item: Item<Sequence>, db: Database): boolean {
  const owned = ownedBy(item);
  if (!owned) return false;
  const { schema, name } = splitQualified(item.value.owner_table as string, item.schema);
  const table = db.schemas[schema ?? ""]?.tables?.[name];
  return table?.columns?.some((c) => c.name === item.value.owner_column && c.identity !== undefined) ?? false;
}

function ownedBy(item: Item<Sequence>): { sql: string; table: string; column: string } | undefined {
  const s = item.value;
  if (!s.owner_table || !s.owner_column) return undefined;
  const { schema, name } = splitQualified(s.owner_table, item.schema);
  return {
    sql: `${qname(schema, name)}.${ident(s.owner_column)}`,
    table: `table ${schema}.${name}`,
    column: `column ${schema}.${name}.${s.owner_column}`,
  };
}

/**
 * A MINVALUE raised above the sequence's current value (or a MAXVALUE of a
 * descending one lowered below it) is refused: the sequence first moves
 * forward to the new bound, only when it is behind it, so no value it
 * handed out comes again.
 */
function intoRange(item: Item<Sequence>, a: Sequence, b: Sequence): Statement[] {
  const name = qname(item.schema, item.name);
  const descending = (b.increment_by ?? 1) < 0;
  const [bound, before, behind] = descending
    ? [b.max_value, a.max_value ?? -1, ">" as const]
    : [b.min_value, a.min_value ?? 1, "<" as const];
  if (bound == null || (descending ? bound >= before : bound <= before)) return [];
  // RESTART is transactional (the trial run rolls it back), setval is not.
  return [statement("alter", item.ref, catchUp(name, behind, bound), "main")];
}

/** The options clause of CREATE SEQUENCE, or of ALTER SEQUENCE for what changed from `before`. */
function renderOptions(s: Sequence, before: Sequence | undefined): string {
  const parts: string[] = [];
  const changed = (key: keyof Sequence, dflt: unknown = undefined) =>
    before === undefined ? s[key] !== undefined && s[key] !== dflt : (s[key] ?? dflt) !== (before[key] ?? dflt);
  if (changed("data_type", "bigint")) parts.push(`AS ${s.data_type ?? "bigint"}`);
  if (changed("increment_by")) parts.push(`INCREMENT BY ${s.increment_by ?? 1}`);
  if (changed("min_value", null)) parts.push(s.min_value == null ? "NO MINVALUE" : `MINVALUE ${s.min_value}`);
  if (changed("max_value", null)) parts.push(s.max_value == null ? "NO MAXVALUE" : `MAXVALUE ${s.max_value}`);
  if (changed("start_value")) parts.push(`START WITH ${s.start_value ?? 1}`);
  if (changed("cache_value")) parts.push(`CACHE ${s.cache_value ?? 1}`);
  if (changed("cycle", false)) parts.push(s.cycle ? "CYCLE" : "NO CYCLE");
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}
