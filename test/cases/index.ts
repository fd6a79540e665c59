// The hard-case fixture library: one folder per case with before.sql, after.sql
// and case.json (see README.md). Every suite that needs the cases (this folder's
// own check, the diff and introspection round trips) loads them from here.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export { catalogFingerprint, settingsFingerprint, buildCaseDatabase, applyCaseSql, serverMajor } from "./catalog.js";
export { normalizeSql, sqlContains, checkExpectations } from "./match.js";

/** What the migration generated for a case must (not) contain, fragments matched by `sqlContains`. */
export interface CaseExpectation {
  /** Hazard names the diff must report for the migration, e.g. `data-loss`. */
  hazards: string[];
  /** Hazard names the diff must not report (a rename with a hint is not `data-loss`). */
  forbiddenHazards: string[];
  mustContain: string[];
  mustNotContain: string[];
  /** Fragments that must appear in this order (each also counts as must-contain). */
  inOrder: string[];
  /**
   * Applying the migration in one transaction must fail with a message that
   * contains this text, and leave the database in its "before" state.
   */
  failsWith?: string;
}

export interface Case {
  /** The folder name, kebab-case. */
  name: string;
  dir: string;
  title: string;
  /** The pitfall this case covers, in a phrase: what tools get wrong, or the right way (see README.md). */
  hardCase: string;
  /** SQL building the "before" state in an empty database (schema, then any rows). */
  before: string;
  /** SQL building the "after" state in an empty database: the complete target. */
  after: string;
  /** Roles the SQL needs, from a first-line comment `-- roles: a, b` of either file. */
  roles: string[];
  /** Rename hints: `schema:app=shop`, `table:app.a=app.b`, `column:app.t.a=b`, `trigger:app.t.a=b`. */
  renames: string[];
  expect: CaseExpectation;
  /** Lowest PostgreSQL major the case runs on. */
  minVersion: number;
  /** A query run on the migrated database; it must return `expectedRows`. */
  afterData?: string;
  expectedRows?: Record<string, unknown>[];
  /** Builds thousands of objects: suites may skip it unless asked for slow cases. */
  slow: boolean;
}

export const casesDir = fileURLToPath(new URL(".", import.meta.url));
export const lowestSupportedMajor = 14;

const renamePattern = /^(schema|table|view|column|trigger|function|type|index|constraint|sequence):\S+=\S+$/;
const knownKeys = new Set(["title", "hardCase", "renames", "expect", "minVersion", "afterData", "expectedRows", "slow"]);
const knownExpectKeys = new Set(["hazards", "forbiddenHazards", "mustContain", "mustNotContain", "inOrder", "failsWith"]);

/** The role names declared by a `-- roles: a, b` comment on the first line. */
export function parseRoles(sql: string): string[] {
  const first = sql.split("\n", 1)[0] ?? "";
  const match = /^--\s*roles:\s*(.+)$/i.exec(first.trim());
  if (!match) return [];
  return match[1]!.split(",").map((role) => role.trim()).filter((role) => role.length > 0);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string" && item.trim().length > 0);
}

/** Everything wrong with a parsed case.json, as readable sentences (empty when well-formed). */
export function caseJsonProblems(json: unknown): string[] {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return ["case.json must hold an object"];
  const raw = json as Record<string, unknown>;
  const problems = Object.keys(raw).filter((key) => !knownKeys.has(key)).map((key) => `unknown key "${key}"`);
  if (typeof raw.title !== "string" || raw.title.trim() === "") problems.push("title must be a non-empty string");
  if (typeof raw.hardCase !== "string" || raw.hardCase.trim() === "") problems.push("hardCase must be a non-empty string");
  if (raw.renames !== undefined) {
    if (!isStringArray(raw.renames)) problems.push("renames must be an array of strings");
    else for (const hint of raw.renames) if (!renamePattern.test(hint)) problems.push(`rename hint "${hint}" is not kind:old=new`);
  }
  if (raw.minVersion !== undefined && (!Number.isInteger(raw.minVersion) || (raw.minVersion as number) < lowestSupportedMajor)) {
    problems.push(`minVersion must be an integer of at least ${lowestSupportedMajor}`);
  }
  if ((raw.afterData === undefined) !== (raw.expectedRows === undefined)) problems.push("afterData and expectedRows go together");
  if (raw.afterData !== undefined && typeof raw.afterData !== "string") problems.push("afterData must be an SQL string");
  if (raw.expectedRows !== undefined && !(Array.isArray(raw.expectedRows) && raw.expectedRows.every((row) => typeof row === "object" && row !== null && !Array.isArray(row)))) {
    problems.push("expectedRows must be an array of objects");
  }
  if (raw.slow !== undefined && typeof raw.slow !== "boolean") problems.push("slow must be a boolean");
  return [...problems, ...expectProblems(raw.expect)];
}

function expectProblems(expect: unknown): string[] {
  if (typeof expect !== "object" || expect === null || Array.isArray(expect)) return ["expect must be an object"];
  const raw = expect as Record<string, unknown>;
  const problems = Object.keys(raw).filter((key) => !knownExpectKeys.has(key)).map((key) => `unknown key "expect.${key}"`);
  for (const key of ["hazards", "mustContain", "mustNotContain"]) {
    if (!isStringArray(raw[key])) problems.push(`expect.${key} must be an array of non-empty strings`);
  }
  for (const key of ["inOrder", "forbiddenHazards"]) {
    if (raw[key] !== undefined && !isStringArray(raw[key])) problems.push(`expect.${key} must be an array of non-empty strings`);
  }
  if (raw.failsWith !== undefined && typeof raw.failsWith !== "string") problems.push("expect.failsWith must be a string");
  return problems;
}

/** The case folders, sorted by name. */
export function listCaseFolders(root = casesDir): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, "case.json")))
    .map((entry) => entry.name)
    .sort();
}

/** Read one case folder; throws with every problem found when it is malformed. */
export function readCase(name: string, root = casesDir): Case {
  const dir = join(root, name);
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  let json: unknown;
  try {
    json = JSON.parse(read("case.json"));
  } catch (error) {
    throw new Error(`test/cases/${name}/case.json: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const problems = caseJsonProblems(json);
  if (problems.length > 0) throw new Error(`test/cases/${name}/case.json: ${problems.join("; ")}`);
  const raw = json as Record<string, unknown> & { expect: Record<string, unknown> };
  const before = read("before.sql");
  const after = read("after.sql");
  return {
    name,
    dir,
    title: raw.title as string,
    hardCase: raw.hardCase as string,
    before,
    after,
    roles: [...new Set([...parseRoles(before), ...parseRoles(after)])],
    renames: (raw.renames as string[] | undefined) ?? [],
    expect: {
      hazards: raw.expect.hazards as string[],
      forbiddenHazards: (raw.expect.forbiddenHazards as string[] | undefined) ?? [],
      mustContain: raw.expect.mustContain as string[],
      mustNotContain: raw.expect.mustNotContain as string[],
      inOrder: (raw.expect.inOrder as string[] | undefined) ?? [],
      ...(raw.expect.failsWith === undefined ? {} : { failsWith: raw.expect.failsWith as string }),
    },
    minVersion: (raw.minVersion as number | undefined) ?? lowestSupportedMajor,
    ...(raw.afterData === undefined ? {} : { afterData: raw.afterData as string, expectedRows: raw.expectedRows as Record<string, unknown>[] }),
    slow: (raw.slow as boolean | undefined) ?? false,
  };
}

/** Every case, sorted by name. Throws on the first malformed one. */
export function loadCases(root = casesDir): Case[] {
  return listCaseFolders(root).map((name) => readCase(name, root));
}
