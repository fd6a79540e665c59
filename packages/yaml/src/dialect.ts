import {
  checkConstraintSpec,
  collationSpec,
  columnSpec,
  foreignKeySpec,
  indexSpec,
  keyConstraintSpec,
  tableSpec,
  textSearchConfigurationSpec,
  type Database,
  type ObjectSpec,
} from "@pgvc/model";

/**
 * Which dialect a schema file is written in. Pyrseas 0.10 has no keys for
 * policies, row-level security, exclusion constraints, generated columns,
 * ICU collations and the other additions listed in the format's
 * documentation; a file holding none of them is read as Pyrseas's, and a
 * command comparing it with a database leaves those features of the
 * database alone instead of dropping them.
 */
export type Dialect = "pgvc" | "pyrseas";

/** The keys that only pgvc writes, per kind (a key at its default still counts: it was written on purpose). */
const pgvcOnly = new Map<ObjectSpec, ReadonlySet<string>>([
  [tableSpec as ObjectSpec, new Set(["exclusion_constraints", "policies", "statistics", "row_level_security", "force_row_level_security", "replica_identity", "replica_identity_index", "access_method"])],
  [columnSpec as ObjectSpec, new Set(["generated", "storage", "compression", "options"])],
  [keyConstraintSpec as ObjectSpec, new Set(["include", "nulls_not_distinct"])],
  [indexSpec as ObjectSpec, new Set(["include", "nulls_not_distinct", "options"])],
  [foreignKeySpec as ObjectSpec, new Set(["not_valid"])],
  [checkConstraintSpec as ObjectSpec, new Set(["not_valid", "no_inherit"])],
  [collationSpec as ObjectSpec, new Set(["provider", "deterministic"])],
  [textSearchConfigurationSpec as ObjectSpec, new Set(["mappings"])],
]);

/** Object kinds that only pgvc writes. */
export const pgvcOnlyKinds: ReadonlySet<string> = new Set(["procedures"]);

/** Whether `key` of an object read with `spec` is one that only pgvc writes. */
export function isPgvcOnlyKey(spec: ObjectSpec, key: string): boolean {
  return pgvcOnly.get(spec)?.has(key) ?? false;
}

const writtenByPgvc = new WeakSet<Database>();

/** Record that a file read into `db` holds a key only pgvc writes. */
export function markPgvcDialect(db: Database): void {
  writtenByPgvc.add(db);
}

/**
 * The dialect of the file (or tree of files) `db` was read from: `pyrseas`
 * when none of its files holds a key or kind that only pgvc writes. A
 * model not read from YAML (built in code, introspected) is pgvc's.
 */
export function dialectOf(db: Database): Dialect {
  if (writtenByPgvc.has(db)) return "pgvc";
  return readFromYaml.has(db) ? "pyrseas" : "pgvc";
}

const readFromYaml = new WeakSet<Database>();

/** Record that `db` was read from YAML (its dialect is then decided by its keys). */
export function markReadFromYaml(db: Database): void {
  readFromYaml.add(db);
}
