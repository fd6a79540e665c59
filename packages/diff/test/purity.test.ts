// diffSchemas is a function of its two models and its options: what was
// diffed before in the same process, in which order, and whether another
// diff loaded the SQL parser, change nothing. Models come from the YAML
// format's generator (every kind), as unrelated pairs and as a model against
// itself with collections of another merged in (so that objects alter).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas, Expressions, loadSqlParser, toSql, type SqlParser } from "@pgvc/diff";
import { database } from "../../yaml/test/arbitrary.js";

/** `base` with each schema's collections from `other` laid over it: the same objects, some changed, some new. */
function changed(base: Database, other: Database): Database {
  const schemas = structuredClone(base.schemas);
  for (const [name, schema] of Object.entries(other.schemas)) schemas[name] = { ...(schemas[name] ?? {}), ...structuredClone(schema) };
  return { ...structuredClone(base), schemas };
}

const [unrelated, overlaid] = [
  fc.sample(fc.tuple(database, database), { seed: 20261204, numRuns: 20 }),
  fc.sample(fc.tuple(database, database), { seed: 4122026, numRuns: 20 }).map(([a, b]): [Database, Database] => [a, changed(a, b)]),
];
const pairs: [Database, Database][] = [...unrelated, ...overlaid];

function outcome(from: Database, to: Database, expressions: Expressions): string {
  try {
    return toSql(diffSchemas(from, to, { expressions }));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

let parser: SqlParser;
let alone: string[];
const work = mkdtempSync(join(tmpdir(), "pgvc-purity-"));
beforeAll(async () => {
  parser = await loadSqlParser();
  alone = pairs.map(([a, b]) => outcome(structuredClone(a), structuredClone(b), new Expressions(parser)));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("diffSchemas is pure", () => {
  it("the pairs diff to statements, not only to errors (else the checks below would prove little)", () => {
    // The generator follows the format's types, not every rule the reader enforces: some pairs are refused.
    expect(alone.filter((o) => !o.startsWith("error:") && o !== "").length).toBeGreaterThan(pairs.length / 3);
  });

  it("gives the same statements in reverse order, after the reverse diff, with one Expressions for all, on the same objects twice", () => {
    const shared = new Expressions(parser);
    const again = [...pairs].reverse().map(([a, b]) => {
      outcome(b, a, shared);
      outcome(a, b, shared);
      return outcome(a, b, shared);
    });
    expect(again.reverse()).toEqual(alone);
  });

  it("compares SQL text as its Expressions say, whatever another diff in the process used", () => {
    const view = (definition: string): Database => ({ schemas: { app: { views: { v: { definition } } } } });
    const [stored, written] = [view(" SELECT 1 AS one;"), view("SELECT 1 AS one")];
    const textual = outcome(stored, written, new Expressions());
    expect(outcome(stored, written, new Expressions(parser))).toBe("");
    expect(outcome(stored, written, new Expressions())).toBe(textual);
    // Canonical text already ignores the outer blanks and the semicolon; a cast only the parser sees through.
    const [cast, plain] = [view("SELECT 'a'::text AS x"), view("SELECT 'a' AS x")];
    expect(outcome(cast, plain, new Expressions(parser))).toBe("");
    expect(outcome(cast, plain, new Expressions())).toContain("CREATE VIEW app.v");
  });

  it("gives the same statements in a process of its own", () => {
    const file = join(work, "pairs.json");
    writeFileSync(file, JSON.stringify(pairs));
    const script = fileURLToPath(new URL("fixtures/diff-pairs.mjs", import.meta.url));
    const other = JSON.parse(execFileSync(process.execPath, [script, file], { encoding: "utf8", maxBuffer: 64 << 20 })) as string[];
    expect(other).toEqual(alone);
  });
});
