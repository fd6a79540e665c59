import { tableSpec, type Column, type Database, type Table } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer } from "../differ.js";
import { deepEqual } from "../compare.js";
import { alterTable, ident, qname, splitQualified } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { columnIdentity, columnSettings, notNull, optionChanges, ownDefault, renderColumn } from "./columns.js";
import { inlineConstraints } from "./constraints.js";
import { clusterOn } from "./indexes.js";
import { ownSequencesAgain, releaseSequences } from "./rebuilt-sequences.js";
import { sequencesDroppedWith } from "./identity.js";
import { parentsOf } from "./inheritance.js";
import { adoptedAs, detachReleases } from "./partition-copies.js";

/** Attributes of a table the table differ compares; the rest are children or generic. */
type TableAttribute =
  | "unlogged"
  | "options"
  | "tablespace"
  | "inherits"
  | "partition_by"
  | "partition_of"
  | "partition_bound_spec"
  | "access_method"
  | "row_level_security"
  | "force_row_level_security"
  | "replica_identity"
  | "replica_identity_index"
  | "of_type";

export const tableDiffer: KindDiffer<Table> = {
  kind: "table",

  items(db: Database, scope: DiffScope): Item<Table>[] {
    return schemaObjects<Table>(scope, db, "tables", "table");
  },

  /**
   * CREATE TABLE, then what only ALTER sets (row-level security, replica
   * identity, column settings): a new table gets every attribute an
   * existing one would get from `alter`.
   */
  create(item, ctx) {
    const t = item.value;
    const empty: Table = {};
    const columns = (t.columns ?? []).filter((c) => !c.inherited).flatMap((c) => columnSettings(columnItem(item, c), undefined));
    const clustered = [...Object.entries(t.primary_key ?? {}), ...Object.entries(t.unique_constraints ?? {})].flatMap(([name, key]) =>
      clusterOn(
        {
          ref: `constraint ${item.schema}.${item.name}.${name}`,
          kind: "constraint",
          schema: item.schema,
          table: item.name,
          name,
          value: key,
        },
        key.cluster,
      ),
    );
    // After its parents (INHERITS, PARTITION OF name them), and after the keys of its ancestors
    // that would take its own keys, written inside it, for their copies.
    const keys = [...Object.keys(t.primary_key ?? {}), ...Object.keys(t.unique_constraints ?? {})].flatMap(
      (name) => ctx.toItem(`constraint ${item.schema}.${item.name}.${name}`) ?? [],
    );
    const parents = parentsOf(t, item.schema as string).map(({ schema, name }) => `table ${schema}.${name}`);
    const requires = [...parents, ...keys.flatMap((key) => adoptedAs(ctx, ctx.to, key).map((f) => f.ref))];
    const create = statement("create", item.ref, renderCreateTable(ctx, item, ctx.to), "main", { requires, provides: [item.ref] });
    const ownNotNull = inheritedNotNull(item, ctx.to).map((c) => notNull(columnItem(item, c), true));
    return [
      create,
      ...alterSecurity(item, empty, t),
      ...alterReplicaIdentity(item, empty, t),
      ...columns,
      ...clustered,
      ...ownNotNull,
      ...inheritedColumnsOwn(item, ctx),
      ...ownSequencesAgain(item, ctx),
    ];
  },

  drop(item, ctx) {
    return [
      ...releaseSequences(item, ctx),
      statement("drop", item.ref, `DROP TABLE ${qname(item.schema, item.name)}`, "drop", {
        hazards: ["data-loss"],
        // The names of its indexes are free afterwards: an index made again under one (on another table) waits for the drop.
        provides: [item.ref, ...droppedSequences(item, ctx), ...indexNames(item)],
      }),
    ];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    if (!same(a, b, "partition_by") || !same(a, b, "access_method")) {
      return { rebuild: "the partitioning or access method changed" };
    }
    // DROP TABLE of a partitioned table takes its partitions: made anew with it.
    if (b.partition_of !== undefined && same(a, b, "partition_of")) {
      const { schema, name } = splitQualified(b.partition_of, to.schema);
      if (ctx.isDropped(`table ${schema}.${name}`)) return { rebuild: "its partitioned table is made anew" };
    }
    return [
      ...alterStorage(to, a, b),
      ...alterSecurity(to, a, b),
      ...alterReplicaIdentity(to, a, b),
      ...alterInheritance(to, a, b, ctx),
      ...alterTypedTable(to, a, b),
    ];
  },

  rename(from, to) {
    const sql = alterTable(from.schema, from.name, `RENAME TO ${ident(to.name)}`);
    return [statement("rename", to.ref, sql, "rename")];
  },

  target(item) {
    const name = `TABLE ${qname(item.schema, item.name)}`;
    return { comment: name, grant: name, owner: name, privilegeType: "table" };
  },

  dependencies(item) {
    const t = item.value;
    // Referenced tables too: dropping this table drops its foreign keys, which must go before their targets.
    // And the parents' columns it inherits: a parent's column is dropped after the child gives up that parent.
    const inherited = (t.columns ?? []).filter((c) => c.inherited);
    const parents = parentsOf(t, item.schema as string).flatMap(({ schema, name }) => [
      `table ${schema}.${name}`,
      ...inherited.map((c) => `column ${schema}.${name}.${c.name}`),
    ]);
    const targets = Object.values(t.foreign_keys ?? {}).map((fk) => `table ${fk.references.schema ?? item.schema}.${fk.references.table}`);
    return [...parents, ...targets];
  },
};

function same(a: Table, b: Table, key: TableAttribute): boolean {
  const defaults = tableSpec.defaults as Record<string, unknown>;
  return deepEqual(a[key] ?? defaults[key], b[key] ?? defaults[key]);
}

export function renderCreateTable(scope: DiffScope, item: Item<Table>, db: Database): string {
  const t = item.value;
  const name = qname(item.schema, item.name);
  const own = (t.columns ?? []).filter((c) => !c.inherited);
  const identity = (c: Column) => columnIdentity(scope, columnItem(item, c), db);
  const columns = t.of_type !== undefined ? own.flatMap((c) => typedColumn(c, identity(c))) : own.map((c) => renderColumn(c, identity(c)));
  const elements = [...columns, ...inlineConstraints(item)];
  const body = elements.length > 0 ? ` (\n    ${elements.join(",\n    ")}\n)` : t.partition_of || t.of_type !== undefined ? "" : " ()";
  const parts = [`CREATE ${t.unlogged ? "UNLOGGED " : ""}TABLE ${name}`];
  if (t.of_type !== undefined) {
    parts.push(` OF ${t.of_type}${body}`);
  } else if (t.partition_of) {
    parts.push(` PARTITION OF ${relationName(t.partition_of, item.schema)}${body} ${boundSpec(t.partition_bound_spec)}`);
  } else {
    parts.push(body);
    if (t.inherits && t.inherits.length > 0) parts.push(` INHERITS (${t.inherits.map((p) => relationName(p, item.schema)).join(", ")})`);
  }
  if (t.partition_by) parts.push(` PARTITION BY ${renderPartitionBy(t.partition_by)}`);
  if (t.access_method && t.access_method !== "heap" && !t.partition_by) parts.push(` USING ${ident(t.access_method)}`);
  if (t.options && t.options.length > 0) parts.push(` WITH (${t.options.join(", ")})`);
  if (t.tablespace) parts.push(` TABLESPACE ${ident(t.tablespace)}`);
  return parts.join("");
}

/**
 * A typed table's column in its CREATE TABLE ... OF: the type gives its type
 * (and collation), so only its options are written, when it has any.
 */
function typedColumn(c: Column, identity: readonly string[]): string[] {
  const head = `${ident(c.name)} ${c.type}`;
  const options = renderColumn({ ...c, collation: undefined }, identity)
    .slice(head.length)
    .trim();
  return options === "" ? [] : [`${ident(c.name)} WITH OPTIONS ${options}`];
}

/** Columns from INHERITS parents that are NOT NULL here though no parent's is: CREATE TABLE cannot say so. */
function inheritedNotNull(item: Item<Table>, db: Database): Column[] {
  const parents = (item.value.inherits ?? []).map((p) => {
    const { schema, name } = splitQualified(p, item.schema);
    return db.schemas[schema ?? item.schema ?? ""]?.tables?.[name];
  });
  const parentNotNull = (name: string) => parents.some((p) => p?.columns?.some((c) => c.name === name && c.not_null));
  return (item.value.columns ?? []).filter((c) => c.inherited && c.not_null && !parentNotNull(c.name));
}

/**
 * A new child's inherited columns where they differ from what CREATE TABLE
 * copies from the parent (INHERITS or PARTITION OF): the default, storage and
 * compression; PostgreSQL copies no statistics target and no options.
 */
function inheritedColumnsOwn(item: Item<Table>, ctx: DiffContext): Statement[] {
  const t = item.value;
  const parents = parentsOf(t, item.schema as string).map(({ schema, name }) => ctx.to.schemas[schema]?.tables?.[name]);
  return (t.columns ?? [])
    .filter((c) => c.inherited)
    .flatMap((c) => {
      const from = parents.map((p) => p?.columns?.find((pc) => pc.name === c.name)).find((pc) => pc !== undefined);
      const copied: Column = { name: c.name, type: c.type, default: from?.default, storage: from?.storage, compression: from?.compression };
      const column = columnItem(item, c);
      return [...ownDefault(ctx, column, copied.default, c.default), ...columnSettings(column, copied)];
    });
}

/** The sequences the table's columns own that go with its DROP TABLE (not those kept, see rebuilt-sequences.ts). */
/** The table's indexes and those behind its keys and exclusion constraints, as references. */
function indexNames(item: Item<Table>): string[] {
  const t = item.value;
  const constraints = [t.primary_key, t.unique_constraints, t.exclusion_constraints].flatMap((map) => Object.keys(map ?? {}));
  return [
    ...Object.keys(t.indexes ?? {}).map((name) => `index ${item.schema}.${name}`),
    ...constraints.map((name) => `constraint ${item.schema}.${item.name}.${name}`),
  ];
}

function droppedSequences(item: Item<Table>, ctx: DiffContext): string[] {
  const columns = (item.value.columns ?? []).map((c) => c.name);
  return sequencesDroppedWith(ctx, ctx.from, item.schema as string, item.name, columns).filter((ref) => !ctx.toItem(ref));
}

function columnItem(table: Item<Table>, c: Column): Item<Column> {
  return {
    ref: `column ${table.schema}.${table.name}.${c.name}`,
    kind: "column",
    schema: table.schema,
    table: table.name,
    name: c.name,
    parent: table.ref,
    value: c,
  };
}

export function relationName(text: string, defaultSchema: string | undefined): string {
  const { schema, name } = splitQualified(text, defaultSchema);
  return qname(schema, name);
}

function boundSpec(spec: string | undefined): string {
  if (!spec) return "DEFAULT";
  return /^(FOR VALUES|DEFAULT)/i.test(spec.trim()) ? spec.trim() : `FOR VALUES ${spec.trim()}`;
}

/** `{range: ["created_at"]}` -> `RANGE (created_at)`; expressions pass as written. */
export function renderPartitionBy(by: Record<string, string[]>): string {
  const [strategy, keys] = Object.entries(by)[0] ?? ["range", []];
  const rendered = keys.map((k) => (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(k) ? ident(k) : k));
  return `${strategy.toUpperCase()} (${rendered.join(", ")})`;
}

function alterStorage(to: Item<Table>, a: Table, b: Table): Statement[] {
  const out: Statement[] = [];
  const act = (sql: string, hazards: Statement["hazards"] = []) =>
    out.push(statement("alter", to.ref, alterTable(to.schema, to.name, sql), "main", { hazards }));
  if (!same(a, b, "unlogged")) act(b.unlogged ? "SET UNLOGGED" : "SET LOGGED", ["rewrite", "lock"]);
  if (!same(a, b, "tablespace")) act(`SET TABLESPACE ${ident(b.tablespace ?? "pg_default")}`, ["rewrite", "lock"]);
  if (!same(a, b, "options")) for (const action of optionChanges(a.options, b.options)) act(action);
  return out;
}

/** REPLICA IDENTITY; one naming an index waits for it (a key constraint's index is made with its table). */
function alterReplicaIdentity(to: Item<Table>, a: Table, b: Table): Statement[] {
  if (same(a, b, "replica_identity") && same(a, b, "replica_identity_index")) return [];
  const kind = b.replica_identity ?? "default";
  const index = b.replica_identity_index;
  const clause = kind === "index" && index !== undefined ? `USING INDEX ${ident(index)}` : kind.toUpperCase();
  const requires =
    kind === "index" && index !== undefined ? [`index ${to.schema}.${index}`, `constraint ${to.schema}.${to.name}.${index}`] : [];
  return [
    statement("alter", to.ref, `ALTER TABLE ONLY ${qname(to.schema, to.name)} REPLICA IDENTITY ${clause}`, "main", {
      requires,
      provides: [],
    }),
  ];
}

function alterSecurity(to: Item<Table>, a: Table, b: Table): Statement[] {
  const out: Statement[] = [];
  if (!same(a, b, "row_level_security")) {
    const sql = alterTable(to.schema, to.name, `${b.row_level_security ? "ENABLE" : "DISABLE"} ROW LEVEL SECURITY`);
    out.push(statement("alter", to.ref, sql, "main"));
  }
  if (!same(a, b, "force_row_level_security")) {
    const sql = alterTable(to.schema, to.name, `${b.force_row_level_security ? "" : "NO "}FORCE ROW LEVEL SECURITY`);
    out.push(statement("alter", to.ref, sql, "main"));
  }
  return out;
}

/**
 * OF / NOT OF. NOT OF comes before the table's column changes (a typed
 * table's columns cannot change); OF after them and after its type, whose
 * columns the table's must then match.
 */
function alterTypedTable(to: Item<Table>, a: Table, b: Table): Statement[] {
  if (same(a, b, "of_type")) return [];
  const out: Statement[] = [];
  const table = qname(to.schema, to.name);
  if (a.of_type !== undefined) out.push(statement("alter", to.ref, `ALTER TABLE ${table} NOT OF`, "main"));
  if (b.of_type !== undefined) {
    const { schema, name } = splitQualified(b.of_type, to.schema);
    const requires = [`type ${schema}.${name}`, ...(b.columns ?? []).map((c) => `column ${to.schema}.${to.name}.${c.name}`)];
    out.push(statement("alter", to.ref, `ALTER TABLE ${table} OF ${b.of_type}`, "main", { requires, provides: [] }));
  }
  return out;
}

function alterInheritance(to: Item<Table>, a: Table, b: Table, ctx: DiffContext): Statement[] {
  const out: Statement[] = [];
  const table = qname(to.schema, to.name);
  const before = new Set(a.inherits ?? []);
  const after = new Set(b.inherits ?? []);
  // INHERIT first: a column the old and the new parent both give stays inherited only (not local) through NO INHERIT.
  for (const p of after)
    if (!before.has(p))
      out.push(statement("alter", to.ref, `ALTER TABLE ${table} INHERIT ${relationName(p, to.schema)}`, "main", { hazards: ["lock"] }));
  for (const p of before)
    if (!after.has(p)) out.push(statement("alter", to.ref, `ALTER TABLE ${table} NO INHERIT ${relationName(p, to.schema)}`, "main"));
  const partitionChanged = !same(a, b, "partition_of") || !same(a, b, "partition_bound_spec");
  if (partitionChanged && a.partition_of) {
    const sql = `ALTER TABLE ${relationName(a.partition_of, to.schema)} DETACH PARTITION ${table}`;
    out.push(statement("alter", to.ref, sql, "main", { hazards: ["lock"], releases: detachReleases(ctx, to.schema as string, to.name) }));
  }
  if (partitionChanged && b.partition_of) {
    const sql = `ALTER TABLE ${relationName(b.partition_of, to.schema)} ATTACH PARTITION ${table} ${boundSpec(b.partition_bound_spec)}`;
    const { schema, name } = splitQualified(b.partition_of, to.schema);
    out.push(statement("alter", to.ref, sql, "main", { hazards: ["lock"], requires: [`table ${schema}.${name}`] }));
  }
  return out;
}
