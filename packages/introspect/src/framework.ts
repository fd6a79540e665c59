import type { Database, Schema, SchemaKindField } from "@pgvc/model";
import type { KindQuery, QueryContext } from "./sql.js";
import type { CatalogDialect } from "./versions.js";
import type { ResolvedFilter } from "./filter.js";
import { isDefaultAcl, parseAcl, type AclObjectType } from "./privileges.js";

/**
 * One object kind of the catalog: a set-based query and the code that puts
 * its rows into the model. Kinds run their queries together; `apply` runs
 * in the order of the kind list (`kinds/index.ts`), so a kind that adds to
 * another's objects (columns to tables) comes after it.
 *
 * `scope` says which filters can drop the whole kind: `relation` kinds
 * (tables and their parts) follow -t/-T; `schema` kinds (functions, types)
 * are skipped when -t names relations; `database` kinds (extensions,
 * languages) are skipped when -n or -t narrows the output.
 */
export interface IntrospectionKind<Row = Record<string, unknown>> {
  readonly name: string;
  readonly scope: "relation" | "schema" | "database";
  /** Relative cost of the query (default 1), to spread queries over several connections. */
  readonly cost?: number;
  query(ctx: QueryContext): KindQuery;
  apply(rows: Row[], db: Database, ctx: ApplyContext): void;
}

/** Define a kind with typed rows (the list of kinds holds them untyped). */
export function defineKind<Row>(kind: IntrospectionKind<Row>): IntrospectionKind {
  return kind as unknown as IntrospectionKind;
}

/** A relation (or composite type) read so far, found by its pg_class oid. */
export interface RelationEntry {
  schema: string;
  name: string;
  /** The YAML kind: `table`, `view`, `materialized view`, `sequence`, `foreign table`, `type`. */
  kind: string;
  /** The owner's role name (also with -O: privileges name grantors against it). */
  owner: string;
  object: Record<string, unknown>;
}

export interface IntrospectOptions {
  /** Leave out `owner` everywhere (-O). */
  noOwner?: boolean | undefined;
  /** Leave out `privileges` everywhere (-x). */
  noPrivileges?: boolean | undefined;
}

/** What `apply` functions share: options, dialect, and lookups by oid. */
export class ApplyContext {
  readonly relations = new Map<string, RelationEntry>();
  /** Column names by relation oid and attnum, filled by the columns kind for the kinds after it. */
  private readonly columnNames = new Map<string, Map<number, string>>();
  /** Schema attributes read by the schemas kind, added to the model when the schema gets its first object (or always without -t). */
  readonly schemaAttributes = new Map<string, Schema>();

  constructor(
    readonly dialect: CatalogDialect,
    readonly options: IntrospectOptions,
    readonly filter: ResolvedFilter,
  ) {}

  /** The model's schema, created on first use. */
  schema(db: Database, name: string): Schema {
    let schema = db.schemas[name];
    if (!schema) {
      schema = { ...(this.schemaAttributes.get(name) ?? {}) };
      db.schemas[name] = schema;
    }
    return schema;
  }

  /** Put an object into its schema's collection under `key`. */
  add(db: Database, schemaName: string, field: SchemaKindField, key: string, object: object): void {
    const schema = this.schema(db, schemaName) as Record<string, Record<string, unknown> | undefined>;
    const collection = (schema[field] ??= {});
    collection[key] = object;
  }

  registerRelation(oid: unknown, entry: RelationEntry): void {
    this.relations.set(String(oid), entry);
  }

  relation(oid: unknown): RelationEntry | undefined {
    return this.relations.get(String(oid));
  }

  setColumnName(relid: unknown, attnum: number, name: string): void {
    const key = String(relid);
    let names = this.columnNames.get(key);
    if (!names) this.columnNames.set(key, (names = new Map()));
    names.set(attnum, name);
  }

  /** Names of the columns `attnums` of relation `relid` (read by the columns kind), in that order. */
  columnNamesOf(relid: unknown, attnums: readonly number[] | null | undefined): string[] {
    const names = this.columnNames.get(String(relid));
    return (attnums ?? []).map((n) => names?.get(Number(n)) ?? `#${n}`);
  }

  /** `name` when `schema` is `from`, else `schema.name`: how values name objects. */
  nameFrom(from: string, schema: string, name: string): string {
    return schema === from ? name : `${schema}.${name}`;
  }

  /** Set `owner` unless -O. */
  owner(target: Record<string, unknown>, owner: string | null | undefined): void {
    if (!this.options.noOwner && owner) target.owner = owner;
  }

  /**
   * Set `privileges` from an aclitem[] (read as text[]) unless -x. NULL
   * means the built-in defaults and sets nothing, and so does an ACL equal
   * to them (as pg_dump does); `owner` is the object's owner, whose grants
   * show no grantor.
   */
  privileges(target: Record<string, unknown>, acl: string[] | null | undefined, type: AclObjectType, owner: string): void {
    if (this.options.noPrivileges || !acl || isDefaultAcl(acl, type, this.dialect, owner)) return;
    target.privileges = parseAcl(acl, type, this.dialect, owner);
  }
}

/** Where a partition's copies of its parent's indexes and constraints go (`Database.partitionCopies`). */
export function partitionCopiesOf(db: Database, owner: RelationEntry): Record<string, unknown> {
  const copies = (db.partitionCopies ??= {});
  return (copies[`${owner.schema}.${owner.name}`] ??= {});
}

/** Set `key` on `target` when `value` is neither null, undefined, nor `skip` (the default). */
export function setIf(target: Record<string, unknown>, key: string, value: unknown, skip?: unknown): void {
  if (value === null || value === undefined || value === skip) return;
  target[key] = value;
}
