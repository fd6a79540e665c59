// Hostile values in a schema file never reach the server as SQL of their own.
// A value that breaks out of its place (a type, a default, a CHECK, a view's
// query, a function body, a comment) would run in the trial run, whose
// rollback does not undo a sequence advanced or a file written. Thousands of
// generated values go through the path yamltodb takes (value checks, the diff,
// the statement checks, the statements run in a transaction that is rolled
// back); afterwards the sentinels show that no extra statement ran.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, InputError, resolveConnection, type Session } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { diffSchemas, runStatements } from "@pgvc/diff";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { checkModelValues } from "../src/validate-values.js";
import { loadStatementParser, statementParser } from "../src/validate.js";
import { runBin, yamltodbBin } from "./bins.js";

const db = useTestDatabase();
const work = mkdtempSync(join(tmpdir(), "pgvc-hostile-"));
const written = join(work, "written-by-the-server");
let session: Session;
let current: Database;

/** What a value that escapes would run: each leaves a mark a rollback does not remove. */
const payloads = [
  "SELECT pg_catalog.nextval('public.sentinel')",
  `COPY (SELECT 1) TO '${written}'`,
  "CREATE TEMP TABLE zz (b int)",
  "SELECT pg_catalog.nextval('public.sentinel') --",
];
const closers = ["", ")", "))", "'", '"', "$$", "$body$", "*/", "\n", "]", " END", "$"];
const openers = ["", "CREATE TEMP TABLE zz (b int", "--", "/*", "(", "'", "$$", "SELECT (", '"', "$body$"];
const bases = ["integer", "1", "now()", "SELECT 1", "text", "true", "'x'", "BEGIN RETURN 1; END", ""];
const noise = fc.string({
  unit: fc.constantFrom(";", "'", '"', "$", "-", "/", "*", "(", ")", "\n", " ", "a", "1", "\\", "E", "::"),
  maxLength: 12,
});

const hostile = fc
  .tuple(
    fc.constantFrom(...bases),
    fc.constantFrom(...closers),
    noise,
    fc.constantFrom(...payloads),
    fc.constantFrom(";", "; ", ";\n"),
    fc.constantFrom(...openers),
    noise,
  )
  .map(([base, closer, n1, payload, sep, opener, n2]) => `${base}${closer}${n1}${sep}${payload}${sep}${opener}${n2}`);

type Slot = "type" | "default" | "check" | "view" | "function" | "comment" | "domain default";
const slots: Slot[] = ["type", "default", "check", "view", "function", "comment", "domain default"];

/** The current model with `value` put in `slot`. */
function withValue(slot: Slot, value: string): Database {
  const target = structuredClone(current);
  const app = target.schemas.app!;
  const table = app.tables!.t!;
  if (slot === "type") table.columns!.push({ name: "c", type: value });
  if (slot === "default") table.columns!.push({ name: "c", type: "integer", default: value });
  if (slot === "check") table.check_constraints = { t_c_check: { expression: value } };
  if (slot === "view") app.views = { v: { definition: value } };
  if (slot === "function") app.functions = { "f()": { language: "plpgsql", returns: "integer", source: value } };
  if (slot === "comment") table.description = value;
  if (slot === "domain default") app.domains = { d: { type: "integer", default: value } };
  return target;
}

/** yamltodb's path for one value: refused as input, failing on the server, or tried and rolled back. */
async function tryValue(slot: Slot, value: string, checkValues = true): Promise<"refused" | "failed" | "tried"> {
  const target = withValue(slot, value);
  try {
    if (checkValues) checkModelValues(statementParser(), target, "schema.yaml");
    const statements = diffSchemas(current, target);
    await session.query("BEGIN");
    try {
      await runStatements(session, statements);
    } finally {
      await session.query("ROLLBACK");
    }
    return "tried";
  } catch (error) {
    if (error instanceof InputError) return "refused";
    return "failed";
  }
}

async function sentinels(): Promise<{ called: boolean; temp: boolean; file: boolean }> {
  const rows = await session.query<{ is_called: boolean; zz: string | null }>(
    "SELECT is_called, pg_catalog.to_regclass('zz')::text AS zz FROM public.sentinel",
  );
  return { called: rows.rows[0]!.is_called, temp: rows.rows[0]!.zz !== null, file: existsSync(written) };
}

beforeAll(async () => {
  await execute(
    db.url,
    "CREATE SEQUENCE public.sentinel; CREATE SCHEMA app; CREATE TABLE app.t (id integer); INSERT INTO app.t VALUES (1), (2);",
  );
  session = await connect(resolveConnection({ dbname: db.url }));
  current = await introspect(session, { schemas: ["app"] });
  await loadStatementParser();
});

afterAll(async () => {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("hostile values", () => {
  it("the issue's example: the type that closes CREATE TABLE and runs COPY is refused, nothing reaches the server", async () => {
    const yaml = `schema app:\n  table t:\n    columns:\n    - id:\n        type: integer\n    - c:\n        type: "integer); COPY (SELECT 1) TO '${written}'; SELECT pg_catalog.nextval('public.sentinel'); CREATE TEMP TABLE zz (b int"\n`;
    writeFileSync(join(work, "evil.yaml"), yaml);
    const result = await runBin(yamltodbBin, [db.url, join(work, "evil.yaml")]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("schema app, table t, column c: type");
    expect(await sentinels()).toEqual({ called: false, temp: false, file: false });
  });

  it("a function body holding every dollar tag is quoted so that it stays one body", async () => {
    const body = "BEGIN RETURN 1; END; $$ $body$ $body0$ $body1$ x$";
    expect(await tryValue("function", body)).not.toBe("refused");
    const sql = diffSchemas(current, withValue("function", body))
      .map((s) => s.sql)
      .join("\n");
    expect(sql).toContain(`$body2$${body}$body2$`);
  });

  for (const slot of slots) {
    it(`${slot}: 400 generated values, none runs as a statement of its own`, async () => {
      const outcomes = { refused: 0, failed: 0, tried: 0 };
      await fc.assert(
        fc.asyncProperty(hostile, async (value) => {
          outcomes[await tryValue(slot, value)]++;
          expect(await sentinels()).toEqual({ called: false, temp: false, file: false });
        }),
        { numRuns: 400, seed: 14 },
      );
      // A comment is any text (a literal): every one is tried. A type name with a statement after it never is.
      if (slot === "comment") expect(outcomes.tried).toBe(400);
      if (slot === "type") expect(outcomes.tried).toBe(0);
    });
  }

  it("without the value checks, the statement checks alone still stop every extra statement", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...slots), hostile, async (slot, value) => {
        await tryValue(slot, value, false);
        expect(await sentinels()).toEqual({ called: false, temp: false, file: false });
      }),
      { numRuns: 700, seed: 13 },
    );
  });

  it("plain values are still accepted", async () => {
    const values: [Slot, string][] = [
      ["type", "character varying(20)"],
      ["type", "numeric(10,2)[]"],
      ["type", "timestamp(3) with time zone"],
      ["default", "pg_catalog.nextval('other'::regclass)"],
      ["default", "'it''s; -- fine'::text"],
      ["check", "id > 0 AND id < 100"],
      ["view", "SELECT id FROM app.t WHERE id > 0"],
      ["view", " SELECT t.id\n   FROM app.t;"],
      ["function", "BEGIN RETURN 1; END"],
      ["comment", "it's -- a comment; with */ and $$"],
    ];
    const target = (slot: Slot, value: string) => withValue(slot, value);
    for (const [slot, value] of values)
      expect(() => checkModelValues(statementParser(), target(slot, value), "schema.yaml"), `${slot} ${value}`).not.toThrow();
  });
});
