import { InputError, shorten } from "@pgvc/core";
import type { parseSync as ParseSync } from "libpg-query";
import type { Statement } from "./statement.js";

/**
 * Every generated statement is parsed (libpg-query, PostgreSQL's own
 * parser) before any of them reaches the server, and must be exactly one
 * statement of a kind a schema change is made of. Values from the YAML
 * (a type name, a default, a CHECK, a view body) are pasted into the SQL;
 * one that closes its context and opens another (`integer); COPY ... TO
 * '/tmp/x'; CREATE TABLE zz (b int`) gives two or more statements, or one
 * of another kind, and is refused here: even the trial run, which is
 * rolled back, would otherwise execute it, and a rollback does not undo a
 * file written or a sequence advanced.
 */

let parse: typeof ParseSync | undefined;
/** SQL texts already found sound: a statement is parsed once, whether tried, applied or both. */
const sound = new Set<string>();

export async function loadStatementParser(): Promise<void> {
  if (parse) return;
  const parser = await import("libpg-query");
  await parser.loadModule();
  parse = parser.parseSync;
}

/** The loaded parser (after loadStatementParser). */
export function statementParser(): typeof ParseSync {
  if (!parse) throw new Error("the SQL parser is not loaded: call loadStatementParser() first");
  return parse;
}

/** Node types a generated statement may be, beyond the Create/Alter/Drop/... families. */
const alsoDdl = new Set([
  "IndexStmt",
  "ViewStmt",
  "RuleStmt",
  "CompositeTypeStmt",
  "DefineStmt",
  "RenameStmt",
  "CommentStmt",
  "GrantStmt",
  "SecLabelStmt",
]);
/** Of those families, the ones pgvc never writes and that reach beyond the schema: roles, databases, the server, other servers. */
const notSchemaDdl =
  /^(CreateRole|AlterRole|DropRole|AlterRoleSet|Createdb|Dropdb|AlterDatabase|AlterSystem|CreateTableSpace|DropTableSpace|AlterTableSpace|CreateSubscription|AlterSubscription|DropSubscription|CreateTableAs)/;

/** The parse-tree node types a statement of this kind may have; undefined: any schema DDL. */
const expectedNodes: Partial<Record<Statement["kind"], readonly string[]>> = {
  comment: ["CommentStmt"],
  grant: ["GrantStmt"],
  revoke: ["GrantStmt"],
};

/**
 * The one DO block pgvc writes: a sequence restarted at a new bound when it
 * is behind it (`sequences.ts`). It is checked against this exact form, as
 * DO could run anything.
 */
export function catchUp(sequence: string, behind: "<" | ">", bound: number): string {
  return `DO $$BEGIN IF (SELECT last_value FROM ${sequence}) ${behind} ${bound} THEN ALTER SEQUENCE ${sequence} RESTART WITH ${bound}; END IF; END$$`;
}
const catchUpForm =
  /^DO \$\$BEGIN IF \(SELECT last_value FROM ((?:"(?:[^"$]|"")+"|[a-z_][a-z0-9_]*)(?:\.(?:"(?:[^"$]|"")+"|[a-z_][a-z0-9_]*))?)\) [<>] (-?\d+) THEN ALTER SEQUENCE \1 RESTART WITH \2; END IF; END\$\$$/;

function isSchemaDdl(node: string, tree: Record<string, unknown>): boolean {
  // CREATE MATERIALIZED VIEW is CreateTableAsStmt; CREATE TABLE ... AS SELECT is not something pgvc writes.
  if (node === "CreateTableAsStmt") return (tree as { objtype?: string }).objtype === "OBJECT_MATVIEW";
  if (notSchemaDdl.test(node)) return false;
  return alsoDdl.has(node) || /^(Create|Alter|Drop|Define)/.test(node);
}

/** Throws an InputError naming the object and the statement unless each statement is one schema-DDL statement of its kind. */
export function checkStatements(statements: readonly Statement[]): void {
  const parseSync = statementParser();
  for (const st of statements) {
    if (sound.has(st.sql)) continue;
    // The DO block is sound only for a sequence's statement: not remembered by its text alone.
    if (!checkOne(parseSync, st)) continue;
    if (sound.size > 200_000) sound.clear();
    sound.add(st.sql);
  }
}

/** Throws unless sound; false when it is sound only as this statement's (the DO block). */
function checkOne(parseSync: typeof ParseSync, st: Statement): boolean {
  let stmts: { stmt: Record<string, Record<string, unknown>> }[];
  try {
    stmts = (parseSync(st.sql).stmts ?? []) as unknown as typeof stmts;
  } catch (error) {
    throw refused(st, `it is not valid SQL (${(error as Error).message})`, error);
  }
  if (stmts.length !== 1) throw refused(st, `it is ${stmts.length} statements, not one`);
  const [node, tree] = Object.entries((stmts[0] as (typeof stmts)[number]).stmt)[0] as [string, Record<string, unknown>];
  const expected = expectedNodes[st.kind];
  if (node === "DoStmt" && st.kind === "alter" && st.object.startsWith("sequence ") && catchUpForm.test(st.sql)) return false;
  if (expected ? !expected.includes(node) : !isSchemaDdl(node, tree)) {
    throw refused(st, `it parses as ${node}, not as the ${st.kind} statement it should be`);
  }
  return true;
}

function refused(st: Statement, why: string, cause?: unknown): InputError {
  return new InputError(`refusing the SQL generated for ${st.object}: ${why}`, {
    ...(cause === undefined ? {} : { cause }),
    hints: [
      "a value in the schema file (a type, a default, an expression, a body) does not stay inside its place in the statement",
      `statement: ${shorten(st.sql, 300)}`,
      "nothing was sent to the server",
    ],
  });
}
