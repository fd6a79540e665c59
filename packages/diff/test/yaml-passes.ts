// Every hard case (test/cases) the way a user runs the tools: `dbtoyaml AFTER`
// is the schema.yaml; `yamltodb DB schema.yaml` prints SQL that is run as psql
// would run it. Two uses, both in one pass, one suite each (yaml-rebuild and
// yaml-migrate; the version matrix runs the first on the oldest and newest):
// - rebuild: from an empty database, the result dumps as schema.yaml;
// - migrate: from "before", the result dumps as schema.yaml, columns in any order.
// A second yamltodb prints nothing in both. Expressions are compared by meaning:
// PostgreSQL prints some (an IN list over varchar) differently once read back.
import { expect } from "vitest";
import { dbtoyaml } from "@pgvc/introspect";
import { createTestDatabase, execute, testServerUrl, type TestDatabase } from "@pgvc/testkit";
import { parsedExpressions, yamltodb } from "@pgvc/diff";
import { readSchemaYaml } from "@pgvc/yaml";
import { buildCaseDatabase, loadCases, serverMajor, type Case } from "../../../test/cases/index.js";

export const major = await serverMajor(testServerUrl());
const expressions = await parsedExpressions();
export const cases = loadCases().filter((c) => !c.slow && c.expect.failsWith === undefined);

async function dump(url: string): Promise<string> {
  return (await dbtoyaml({ connection: { dbname: url } })).yaml ?? "";
}

/** With `checkShortcuts`, each shortcut yamltodb takes is checked against the full comparison (see shortcuts.ts). */
async function migrate(url: string, yaml: string, checkShortcuts: boolean): Promise<string> {
  const result = await yamltodb({ connection: { dbname: url }, stdin: async () => yaml, checkShortcuts });
  return result.sql;
}

/**
 * Whether the first pass checks yamltodb's shortcuts: always from a database
 * that has objects; from empty (where the check is a whole trial through the
 * server) for every fifth case, on the main run only, which keeps CI in time.
 */
export function checksFirstPass(start: "before" | "empty", index: number): boolean {
  return start === "before" || (index % 5 === 0 && process.env.PGVC_MATRIX_RUN === undefined);
}

const expressionKeys = new Set(["definition", "default", "expression", "predicate", "using", "with_check", "generated", "condition"]);

/** A dump's model with expressions in canonical form (and columns by name, when `byName`). */
function semantic(value: unknown, byName: boolean, key?: string): unknown {
  if (typeof value === "string") return key !== undefined && expressionKeys.has(key) ? expressions.canonical(value) : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => semantic(v, byName));
    const name = (v: unknown) => (v as { name?: string }).name ?? "";
    return byName && key === "columns" ? items.sort((a, b) => name(a).localeCompare(name(b))) : items;
  }
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, semantic(v, byName, k)]));
}

/** `yamltodb DB schema.yaml | psql DB`, then the checks above. */
export function onePass(byName: boolean, checkFirst: boolean) {
  return async (db: TestDatabase, yaml: string): Promise<void> => {
    const sql = await migrate(db.url, yaml, checkFirst);
    await execute(db.url, sql).catch((error: Error) => {
      throw new Error(`applying failed: ${error.message}\n${sql}`, { cause: error });
    });
    const got = await dump(db.url);
    if (got !== yaml) {
      const asRead = (text: string) => semantic(JSON.parse(JSON.stringify(readSchemaYaml(text, "schema.yaml"))), byName);
      expect(asRead(got), `${sql}\n${got}`).toEqual(asRead(yaml));
    }
    expect(await migrate(db.url, yaml, true), `second pass after:\n${sql}`).toBe("");
  };
}

export async function withCase(
  kase: Case,
  start: "before" | "empty",
  work: (db: TestDatabase, yaml: string) => Promise<void>,
): Promise<void> {
  const after = await buildCaseDatabase(kase, "after");
  const db = start === "before" ? await buildCaseDatabase(kase, "before") : await createTestDatabase("pgvc_rebuild");
  try {
    await work(db, await dump(after.url));
  } finally {
    await Promise.all([after.drop(), db.drop()]);
  }
}
