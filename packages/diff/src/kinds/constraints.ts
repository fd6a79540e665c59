import type { CheckConstraint, Database, ExclusionConstraint, ForeignKey, KeyConstraint, Table } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer } from "../differ.js";
import { clusterOn } from "./indexes.js";
import { alterParent, parentDropsOnly, partitionRefs } from "./inheritance.js";
import { adoptedAs, takenAsCopy, takenInsteadOfDropped } from "./partition-copies.js";

function keepsCheck(child: Table, name: string): boolean {
  const check = child.check_constraints?.[name];
  return check !== undefined && !check.inherited;
}
import { deepEqual, everyKey } from "../compare.js";
import { canonicalSql, type Expressions } from "../normalize.js";
import { alterTable, ident, identList, qname } from "../render.js";
import { statement } from "../statement.js";
import { itemRef, schemaObjects } from "./common.js";

type ConstraintType = "primary_key" | "unique_constraints" | "check_constraints" | "exclusion_constraints" | "foreign_keys";
type AnyConstraint = KeyConstraint | CheckConstraint | ExclusionConstraint | ForeignKey;

const constraintTypes: ConstraintType[] = [
  "primary_key",
  "unique_constraints",
  "check_constraints",
  "exclusion_constraints",
  "foreign_keys",
];
/** The collection a constraint was read from: `items` sets it as the item's form. */
function typeOfItem(item: Item<AnyConstraint>): ConstraintType {
  const form = item.form as ConstraintType | undefined;
  if (form === undefined) throw new Error(`internal error: ${item.ref} has no constraint type`);
  return form;
}

/**
 * Table constraints: `constraint app.orders.orders_pkey`. Keys, checks and
 * exclusions are written inside CREATE TABLE; foreign keys always come as
 * ALTER TABLE ... ADD CONSTRAINT once every table exists, so tables that
 * reference each other can be created (PostgreSQL's own dump order).
 */
export const constraintDiffer: KindDiffer<AnyConstraint> = {
  kind: "constraint",
  followsDependencies: true,

  items(db: Database, scope: DiffScope): Item<AnyConstraint>[] {
    const out: Item<AnyConstraint>[] = [];
    for (const table of schemaObjects<Table>(scope, db, "tables", "table")) {
      for (const type of constraintTypes) {
        const map = table.value[type] as Record<string, AnyConstraint> | undefined;
        for (const name of Object.keys(map ?? {}).sort()) {
          const value = (map as Record<string, AnyConstraint>)[name] as AnyConstraint;
          out.push({
            ref: itemRef("constraint", table.schema as string, table.name, name),
            kind: "constraint",
            schema: table.schema,
            table: table.name,
            name,
            parent: table.ref,
            value,
            form: type,
            inline: isInline(type, value) && !repeatsAnIndex(table.value, type, name),
          });
        }
      }
    }
    return out;
  },

  create(item, ctx) {
    const type = typeOfItem(item);
    // An inherited CHECK arrives with the parent's.
    if (type === "check_constraints" && (item.value as CheckConstraint).inherited) return [];
    const sql = alterTable(item.schema, item.table as string, `ADD ${renderConstraint(item)}`);
    const existing = !ctx.isCreated(item.parent as string);
    const validates = existing && !(item.value as { not_valid?: boolean }).not_valid;
    return [
      statement("create", item.ref, sql, "main", {
        hazards: validates ? ["lock"] : [],
        // A partition's key: after an ancestor's of its shape, which would take it for its copy.
        requires: [...referencedRefs(item), ...adoptedAs(ctx, ctx.to, item).map((f) => f.ref)],
        provides: [item.ref, `${item.parent}#changed`],
      }),
      ...clusterOn(item, (item.value as { cluster?: boolean }).cluster),
    ];
  },

  drop(item, ctx) {
    const type = typeOfItem(item);
    if (type === "check_constraints" && (item.value as CheckConstraint).inherited) {
      // Dropped with its parent's, unless that drop is ONLY (a sibling keeps it): then it stays, made local, and goes after.
      if (!parentDropsOnly(item, ctx, (c) => keepsCheck(c, item.name))) return [];
      const sql = `ALTER TABLE ONLY ${qname(item.schema, item.table as string)} DROP CONSTRAINT ${ident(item.name)}`;
      return [statement("drop", item.ref, sql, "main")];
    }
    // A partition's own key that PostgreSQL takes for its copy of the parent's in this change stays.
    if (takenInsteadOfDropped(item, ctx)) return [];
    // A child that keeps an inherited CHECK as its own: ONLY leaves its copy, made local.
    const keeps = (child: Table) => type === "check_constraints" && keepsCheck(child, item.name);
    const sql = `${alterParent(ctx, item.schema as string, item.table as string, keeps)}${qname(item.schema, item.table as string)} DROP CONSTRAINT ${ident(item.name)}`;
    return [statement("drop", item.ref, sql, "drop", { requires: referencedRefs(item) })];
  },

  alter(from, to, ctx): AlterResult {
    const ta = typeOfItem(from);
    const tb = typeOfItem(to);
    if (ta !== tb) return { rebuild: "the constraint changed type" };
    const a = from.value as Record<string, unknown>;
    const b = to.value as Record<string, unknown>;
    if (sameConstraint(ctx.expressions, a, b)) {
      const taken = takenAsCopy(to, ctx);
      return taken === undefined ? [] : { rebuild: taken };
    }
    const onlyValidated = a.not_valid === true && !b.not_valid && sameConstraint(ctx.expressions, { ...a, not_valid: false }, b);
    if (onlyValidated) {
      const sql = alterTable(to.schema, to.table as string, `VALIDATE CONSTRAINT ${ident(to.name)}`);
      return [statement("alter", to.ref, sql, "main", { hazards: ["lock"] })];
    }
    return { rebuild: "a constraint's definition changed" };
  },

  rename(from, to) {
    const sql = alterTable(to.schema, to.table as string, `RENAME CONSTRAINT ${ident(from.name)} TO ${ident(to.name)}`);
    return [statement("rename", to.ref, sql, "rename")];
  },

  target(item) {
    return { comment: `CONSTRAINT ${ident(item.name)} ON ${qname(item.schema, item.table as string)}` };
  },

  // The referenced table, and its own columns: a constraint on a dropped column goes first.
  dependencyKinds: ["table", "column"],
  dependencies(item, db, scope) {
    const own = ((item.value as { columns?: string[] }).columns ?? []).map((c) =>
      itemRef("column", String(item.schema), String(item.table), String(c)),
    );
    return [...referencedRefs(item), ...referencedPartitions(item, db, scope), ...own];
  },
};

function isInline(type: ConstraintType, value: AnyConstraint): boolean {
  if (type === "foreign_keys") return false;
  if (type === "check_constraints") return !(value as CheckConstraint).not_valid && !(value as CheckConstraint).inherited;
  return true;
}

/**
 * A unique constraint on the same columns as the primary key or an earlier
 * unique constraint: CREATE TABLE would keep only the first of the two
 * (PostgreSQL drops a repeated index definition there), so it is added
 * with ALTER TABLE after the table, as pg_dump does.
 */
function repeatsAnIndex(table: Table, type: ConstraintType, name: string): boolean {
  if (type !== "unique_constraints") return false;
  const key = (c: { columns?: unknown; include?: unknown; nulls_not_distinct?: unknown } | undefined) =>
    JSON.stringify([c?.columns, c?.include ?? [], c?.nulls_not_distinct ?? false]);
  const unique = table.unique_constraints ?? {};
  const mine = key(unique[name]);
  const pk = table.primary_key;
  if (pk && Object.values(pk).some((c) => key(c) === mine)) return true;
  return Object.keys(unique).some((other) => other < name && key(unique[other]) === mine);
}

const ignoredKeys = new Set(["description", "oldname", "inherited"]);

function sameConstraint(expressions: Expressions, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return everyKey(a, b, (key) => {
    if (ignoredKeys.has(key)) return true;
    const va = a[key] ?? constraintDefaults[key];
    const vb = b[key] ?? constraintDefaults[key];
    if (key === "expression" || key === "predicate") return expressions.same(va as string | undefined, vb as string | undefined);
    if (key === "elements") return deepEqual(canonicalElements(va), canonicalElements(vb));
    return deepEqual(va, vb);
  });
}

const constraintDefaults: Record<string, unknown> = {
  deferrable: false,
  deferred: false,
  access_method: "btree",
  cluster: false,
  nulls_not_distinct: false,
  without_overlaps: false,
  period: false,
  on_update: "no action",
  on_delete: "no action",
  match: "simple",
  not_valid: false,
  no_inherit: false,
};

function canonicalElements(elements: unknown): unknown {
  if (!Array.isArray(elements)) return elements;
  return elements.map((e: Record<string, unknown>) => Object.fromEntries(Object.entries(e).map(([k, v]) => [canonicalSql(k), v])));
}

/** The references a foreign key needs: the referenced table, before and after the change. */
function referencedRefs(item: Item<AnyConstraint>): string[] {
  if ((item.value as { references?: unknown }).references === undefined) return [];
  const ref = (item.value as ForeignKey).references;
  return [itemRef("table", String(ref.schema ?? item.schema), String(ref.table))];
}

/** The partitions of the table a foreign key references: PostgreSQL records the key's dependency on each. */
function referencedPartitions(item: Item<AnyConstraint>, db: Database, scope: DiffScope): string[] {
  if ((item.value as { references?: unknown }).references === undefined) return [];
  const ref = (item.value as ForeignKey).references;
  return partitionRefs(scope, db, String(ref.schema ?? item.schema), String(ref.table));
}

/** `CONSTRAINT name ...` for each constraint written inside CREATE TABLE. */
export function inlineConstraints(table: Item<Table>): string[] {
  const out: string[] = [];
  for (const type of constraintTypes) {
    const map = table.value[type] as Record<string, AnyConstraint> | undefined;
    for (const name of Object.keys(map ?? {}).sort()) {
      const value = (map as Record<string, AnyConstraint>)[name] as AnyConstraint;
      if (!isInline(type, value) || repeatsAnIndex(table.value, type, name)) continue;
      out.push(renderConstraintOf(type, name, value, table.schema));
    }
  }
  return out;
}

export function renderConstraint(item: Item<AnyConstraint>): string {
  return renderConstraintOf(typeOfItem(item), item.name, item.value, item.schema);
}

function renderConstraintOf(type: ConstraintType, name: string, c: AnyConstraint, schema: string | undefined): string {
  const body = renderBody(type, c, schema);
  return `CONSTRAINT ${ident(name)} ${body}${deferrability(c)}${(c as { not_valid?: boolean }).not_valid ? " NOT VALID" : ""}`;
}

function renderBody(type: ConstraintType, c: AnyConstraint, schema: string | undefined): string {
  switch (type) {
    case "primary_key":
    case "unique_constraints": {
      const k = c as KeyConstraint;
      const nulls = k.nulls_not_distinct ? " NULLS NOT DISTINCT" : "";
      const columns = periodList(k.columns, k.without_overlaps ? " WITHOUT OVERLAPS" : undefined);
      return `${type === "primary_key" ? "PRIMARY KEY" : `UNIQUE${nulls}`} (${columns})${include(k.include)}${indexTablespace(k.tablespace)}`;
    }
    case "check_constraints": {
      const k = c as CheckConstraint;
      return `CHECK (${k.expression})${k.no_inherit ? " NO INHERIT" : ""}`;
    }
    case "exclusion_constraints":
      return renderExclusion(c as ExclusionConstraint);
    case "foreign_keys":
      return renderForeignKey(c as ForeignKey, schema);
  }
}

/** A column list whose last column is the period: `id, during WITHOUT OVERLAPS`, `id, PERIOD during` (PostgreSQL 18). */
function periodList(columns: string[], after: string | undefined, before = ""): string {
  if (after === undefined && before === "") return identList(columns);
  const last = columns.length - 1;
  return columns.map((c, i) => (i === last ? `${before}${ident(c)}${after ?? ""}` : ident(c))).join(", ");
}

function include(cols: string[] | undefined): string {
  return cols && cols.length > 0 ? ` INCLUDE (${identList(cols)})` : "";
}

function indexTablespace(ts: string | undefined): string {
  return ts ? ` USING INDEX TABLESPACE ${ident(ts)}` : "";
}

function deferrability(c: AnyConstraint): string {
  const d = c as { deferrable?: boolean; deferred?: boolean };
  if (!d.deferrable) return "";
  return d.deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

function renderForeignKey(fk: ForeignKey, schema: string | undefined): string {
  const target = qname(fk.references.schema ?? schema, fk.references.table);
  const [columns, referenced] = fk.period
    ? [periodList(fk.columns, undefined, "PERIOD "), periodList(fk.references.columns, undefined, "PERIOD ")]
    : [identList(fk.columns), identList(fk.references.columns)];
  const parts = [`FOREIGN KEY (${columns}) REFERENCES ${target}(${referenced})`];
  if (fk.match && fk.match !== "simple") parts.push(`MATCH ${fk.match.toUpperCase()}`);
  if (fk.on_update && fk.on_update !== "no action") parts.push(`ON UPDATE ${fk.on_update.toUpperCase()}`);
  if (fk.on_delete && fk.on_delete !== "no action") parts.push(`ON DELETE ${fk.on_delete.toUpperCase()}`);
  return parts.join(" ");
}

function renderExclusion(x: ExclusionConstraint): string {
  const elements = x.elements.map((element) => {
    const [key, opts] = Object.entries(element)[0] as [string, { operator: string; opclass?: string; order?: string; nulls?: string }];
    const expr = /^[A-Za-z_][A-Za-z0-9_$]*$/.test(key) ? ident(key) : `(${key})`;
    const opclass = opts.opclass ? ` ${opts.opclass}` : "";
    const order = opts.order === "desc" ? " DESC" : "";
    const nulls = opts.nulls ? ` NULLS ${opts.nulls.toUpperCase()}` : "";
    return `${expr}${opclass}${order}${nulls} WITH ${opts.operator}`;
  });
  const where = x.predicate ? ` WHERE (${x.predicate})` : "";
  return `EXCLUDE USING ${ident(x.access_method ?? "btree")} (${elements.join(", ")})${include(x.include)}${indexTablespace(x.tablespace)}${where}`;
}
