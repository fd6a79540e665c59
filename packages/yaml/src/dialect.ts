import {
  checkConstraintSpec,
  collationSpec,
  columnSpec,
  foreignKeySpec,
  functionSpec,
  indexSpec,
  keyConstraintSpec,
  languageSpec,
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
  [
    tableSpec,
    new Set([
      "exclusion_constraints",
      "policies",
      "statistics",
      "row_level_security",
      "force_row_level_security",
      "replica_identity",
      "replica_identity_index",
      "access_method",
      "of_type",
    ]),
  ],
  [columnSpec, new Set(["generated", "storage", "compression", "options"])],
  [keyConstraintSpec, new Set(["include", "nulls_not_distinct"])],
  [indexSpec, new Set(["include", "nulls_not_distinct", "options"])],
  [foreignKeySpec, new Set(["not_valid"])],
  [checkConstraintSpec, new Set(["not_valid", "no_inherit"])],
  [collationSpec, new Set(["provider", "deterministic"])],
  [textSearchConfigurationSpec, new Set(["mappings"])],
  [languageSpec, new Set(["handler", "inline", "validator"])],
  [functionSpec, new Set(["parallel"])],
]);

/** Object kinds that only pgvc writes. */
export const pgvcOnlyKinds: ReadonlySet<string> = new Set(["procedures", "publications"]);

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
 * when none of its files holds a key or kind that only pgvc writes, nor
 * the dialect line that opens every file pgvc writes. A model not read
 * from YAML (built in code, introspected) is pgvc's.
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

/**
 * The first line of a file pgvc writes (a comment, which Pyrseas's reader
 * skips): a file without any key only pgvc writes is pgvc's all the same,
 * so an attribute it leaves out (`row_level_security`, `generated`) is at
 * its default rather than unknown. Only a model in pgvc's dialect gets it:
 * rewriting a Pyrseas file (`pgvc-yaml fmt`) must not change its meaning.
 */
export const dialectLine = "# pgvc schema: an attribute left out is at its default\n";

/** The dialect line for `db` when written as a whole schema file ("" for a model read from a Pyrseas file). */
export function headerFor(db: Database): string {
  return dialectOf(db) === "pgvc" ? dialectLine : "";
}

const marker = "# pgvc schema";

/** Whether one of the comment lines that open `text` is the dialect line (it may have been edited after the marker words). */
export function hasDialectLine(text: string): boolean {
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (p < text.length && (text[p] === "#" || text[p] === "\n" || text[p] === "\r")) {
    if (text.startsWith(marker, p)) return true;
    const end = text.indexOf("\n", p);
    if (end === -1) return false;
    p = end + 1;
  }
  return false;
}
