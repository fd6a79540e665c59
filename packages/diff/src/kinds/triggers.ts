import type { Database, Trigger } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { deepEqual, sameAttributes } from "../compare.js";
import { alterTable, ident, identList, qname, splitQualified } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { relationChildren, schemaObjects } from "./common.js";

/**
 * Triggers on tables, views and foreign tables: `trigger app.orders.audit`.
 * A changed definition is CREATE OR REPLACE TRIGGER (PostgreSQL 14+),
 * except for constraint triggers, which are dropped and created; the
 * enabled state is ALTER TABLE ... ENABLE/DISABLE TRIGGER. A trigger needs
 * its function, and is re-created when the function is.
 */
export const triggerDiffer: KindDiffer<Trigger> = {
  kind: "trigger",
  followsDependencies: true,

  items(db: Database, scope: DiffScope): Item<Trigger>[] {
    return relationChildren<Trigger>(triggerRelations(scope, db), "triggers", "trigger");
  },

  create(item) {
    return [
      statement("create", item.ref, renderCreateTrigger(item, false), "main", { requires: [functionRef(item)] }),
      ...enabledStatement(item, "origin"),
    ];
  },

  drop(item) {
    const sql = `DROP TRIGGER ${ident(item.name)} ON ${qname(item.schema, item.table as string)}`;
    return [statement("drop", item.ref, sql, "drop", { requires: [functionRef(item)] })];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    // Events are a set (a bitmask in pg_trigger): their order means nothing.
    const sameDefinition =
      sameAttributes(a, b, { ignore: ["enabled", "condition", "procedure", "events"], defaults: defaults }) &&
      deepEqual([...a.events].sort(), [...b.events].sort()) &&
      ctx.expressions.same(a.condition, b.condition) &&
      renderFunction(from) === renderFunction(to);
    if (columnTypeChanges(columnRefs(from, [a.condition], ctx.from, a.columns ?? []), ctx)) {
      return { rebuild: "a column the trigger uses changes type or goes" };
    }
    if (sameDefinition) return enabledStatement(to, a.enabled ?? "origin");
    if (a.constraint || b.constraint) return { rebuild: "a constraint trigger cannot be replaced" };
    // OR REPLACE resets the enabled state to the default.
    return [
      statement("alter", to.ref, renderCreateTrigger(to, true), "main", { requires: [functionRef(to)] }),
      ...enabledStatement(to, "origin"),
    ];
  },

  rename(from, to) {
    const sql = `ALTER TRIGGER ${ident(from.name)} ON ${qname(from.schema, from.table as string)} RENAME TO ${ident(to.name)}`;
    return [statement("rename", to.ref, sql, "rename")];
  },

  target(item): SqlTarget {
    return { comment: `TRIGGER ${ident(item.name)} ON ${qname(item.schema, item.table as string)}` };
  },

  dependencies(item, db) {
    return [functionRef(item), ...columnRefs(item, [item.value.condition], db, item.value.columns ?? [])];
  },
};

/**
 * The relation's columns an expression (or a column list) names, so that a
 * column type change re-creates the object: PostgreSQL refuses to alter a
 * column a trigger's WHEN or UPDATE OF, or a policy, uses. A word that only
 * looks like a column costs a needless re-creation, nothing worse.
 */
export function columnRefs(item: Item, texts: readonly (string | undefined)[], db: Database, listed: readonly string[] = []): string[] {
  const s = db.schemas[item.schema ?? ""];
  const relation = s?.tables?.[item.table ?? ""] ?? s?.views?.[item.table ?? ""] ?? s?.foreignTables?.[item.table ?? ""];
  const words = new Set(listed);
  for (const text of texts) {
    for (const m of (text ?? "").matchAll(/"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)/g)) {
      words.add(m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] as string).toLowerCase());
    }
  }
  return (relation?.columns ?? []).filter((c) => words.has(c.name)).map((c) => `column ${item.schema}.${item.table}.${c.name}`);
}

const defaults = { level: "statement", constraint: false, deferrable: false, initially_deferred: false, enabled: "origin" };

/** The relations that can have triggers, as items (their refs are the triggers' parents). */
export function triggerRelations(scope: DiffScope, db: Database): Item<Record<string, unknown>>[] {
  return [
    ...schemaObjects<Record<string, unknown>>(scope, db, "tables", "table"),
    ...schemaObjects<Record<string, unknown>>(scope, db, "views", "view"),
    ...schemaObjects<Record<string, unknown>>(scope, db, "foreignTables", "foreign table"),
  ];
}

function procedureName(item: Item<Trigger>): { schema: string | undefined; name: string; args: string } {
  const p = item.value.procedure;
  const text = typeof p === "string" ? p : p.name;
  const { schema, name } = splitQualified(text.replace(/\(\s*\)$/, ""), item.schema);
  return { schema, name, args: typeof p === "string" ? "" : (p.arguments ?? "") };
}

/** Trigger functions take no declared arguments: `function app.touch()`. */
function functionRef(item: Item<Trigger>): string {
  const { schema, name } = procedureName(item);
  return `function ${schema}.${name}()`;
}

function renderFunction(item: Item<Trigger>): string {
  const { schema, name, args } = procedureName(item);
  return `${qname(schema, name)}(${args})`;
}

export function renderCreateTrigger(item: Item<Trigger>, replace: boolean): string {
  const t = item.value;
  const events = t.events.map((e) =>
    e === "update" && t.columns && t.columns.length > 0 ? `UPDATE OF ${identList(t.columns)}` : e.toUpperCase(),
  );
  const parts = [`CREATE ${replace ? "OR REPLACE " : ""}${t.constraint ? "CONSTRAINT " : ""}TRIGGER ${ident(item.name)}`];
  parts.push(`${t.timing.toUpperCase()} ${events.join(" OR ")} ON ${qname(item.schema, item.table as string)}`);
  if (t.constraint) parts.push(t.deferrable ? `DEFERRABLE INITIALLY ${t.initially_deferred ? "DEFERRED" : "IMMEDIATE"}` : "NOT DEFERRABLE");
  const referencing = [
    ...(t.referencing_old ? [`OLD TABLE AS ${ident(t.referencing_old)}`] : []),
    ...(t.referencing_new ? [`NEW TABLE AS ${ident(t.referencing_new)}`] : []),
  ];
  if (referencing.length > 0) parts.push(`REFERENCING ${referencing.join(" ")}`);
  parts.push(`FOR EACH ${(t.level ?? "statement").toUpperCase()}`);
  if (t.condition) parts.push(`WHEN (${t.condition})`);
  parts.push(`EXECUTE FUNCTION ${renderFunction(item)}`);
  return parts.join("\n    ");
}

/** ALTER TABLE ... ENABLE/DISABLE TRIGGER when the state differs from `current`. */
function enabledStatement(item: Item<Trigger>, current: string): Statement[] {
  const wanted = item.value.enabled ?? "origin";
  if (wanted === current) return [];
  const action = { origin: "ENABLE", replica: "ENABLE REPLICA", always: "ENABLE ALWAYS", disabled: "DISABLE" }[wanted];
  const sql = alterTable(item.schema, item.table as string, `${action} TRIGGER ${ident(item.name)}`);
  return [statement("alter", item.ref, sql, "main", { requires: [item.ref], provides: [] })];
}

/**
 * PostgreSQL refuses to change the type of, or drop, a column such an object
 * uses: the object is dropped before and (changed) created after.
 */
export function columnTypeChanges(refs: readonly string[], ctx: DiffContext): boolean {
  return refs.some((ref) => {
    const a = ctx.fromItem(ref)?.value as { type?: string } | undefined;
    const b = ctx.toItem(ref)?.value as { type?: string } | undefined;
    return a !== undefined && (b === undefined || ctx.isDropped(ref) || a.type !== b.type);
  });
}
