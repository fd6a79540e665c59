// `npm run bench:sync`: the sync check on a generated repository of 200 SQL
// migrations that build bench/generate.mjs's 500-table schema, on the
// embedded scratch server in a cache folder of its own (so the first run
// includes initdb). Progress on stderr, a table on stdout, the figures in
// bench/results/sync-<timestamp>.json. See bench/README.md.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopEmbeddedServer } from "@pgvc/scratch";
import { benchRoles, generateSchema } from "../generate.mjs";
import { median } from "../measure.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const bin = join(here, "../../packages/sync/bin/pgvc-check.js");
const tables = Number(process.env.PGVC_BENCH_SYNC_TABLES ?? 500);
const migrations = Number(process.env.PGVC_BENCH_SYNC_MIGRATIONS ?? 200);
const runs = Number(process.env.PGVC_BENCH_RUNS ?? 5);
const major = Number(process.env.PGVC_BENCH_PG ?? 16);
const progress = (message) => process.stderr.write(`[bench sync] ${message}\n`);

/** The statements of the schema cut into `count` migration files, roles first (they are cluster-wide: made only if missing). */
function migrationFiles(statements, count) {
  const roles = benchRoles.map((r) => `DO $$ BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`).join("\n");
  const files = [["000_roles.sql", `${roles}\n`]];
  const parts = count - 1;
  for (let i = 0; i < parts; i++) {
    const slice = statements.slice(Math.floor((i * statements.length) / parts), Math.floor(((i + 1) * statements.length) / parts));
    files.push([`${String(i + 1).padStart(3, "0")}_part.sql`, `${slice.join("\n")}\n`]);
  }
  return files;
}

function makeRepository(root) {
  const { statements } = generateSchema(tables, 1);
  mkdirSync(join(root, "db/migrations"), { recursive: true });
  const files = migrationFiles(statements, migrations);
  for (const [name, text] of files) writeFileSync(join(root, "db/migrations", name), text);
  writeFileSync(
    join(root, "pgvc.yaml"),
    `schema: schema.yaml\nmigrations:\n  - sql: db/migrations\nscratch:\n  version: ${major}\nintrospect:\n  no_owner: true\n`,
  );
  writeFileSync(join(root, "schema.yaml"), "");
  execFileSync("git", ["init", "-q"], { cwd: root });
  return files.length;
}

/**
 * Run the check once: wall-clock time, and with GNU time the CPU time
 * (user + system) and peak RSS. On a busy machine the CPU time says what
 * the check itself costs; the wall-clock time also holds the waiting.
 */
function runCheck(args, env) {
  const useTime = existsSync("/usr/bin/time");
  const stats = join(base, "time.txt");
  const [file, argv] = useTime
    ? ["/usr/bin/time", ["-f", "%M %U %S", "-o", stats, process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      const [rssKb, user, system] = useTime ? readFileSync(stats, "utf8").trim().split("\n").pop().split(" ").map(Number) : [0, NaN, NaN];
      resolve({ code, ms, rssKb, cpuMs: (user + system) * 1000, stderr });
    });
  });
}

async function step(name, env, args, okCodes = [0, 1]) {
  const result = await runCheck(args, env);
  if (!okCodes.includes(result.code))
    throw new Error(`${name}: exit ${result.code}: ${result.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  progress(
    `${name}: ${(result.ms / 1000).toFixed(2)} s (CPU ${(result.cpuMs / 1000).toFixed(2)} s), ${(result.rssKb / 1024).toFixed(0)} MB`,
  );
  return result;
}

/** schema.yaml with a text column added at the end of sales.customer_0's columns, as dbtoyaml would write it. */
function withColumn(text, column) {
  const lines = text.split("\n");
  let at = lines.indexOf("    columns:", lines.indexOf("  table customer_0:", lines.indexOf("schema sales:"))) + 1;
  while (lines[at].startsWith("    - ") || lines[at].startsWith("        ")) at++;
  lines.splice(at, 0, `    - ${column}:`, "        type: text");
  return lines.join("\n");
}

function summary(name, results, target) {
  return {
    name,
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    rssKb: Math.max(...results.map((r) => r.rssKb)),
    ...(target ? { target } : {}),
  };
}

const base = mkdtempSync(join(tmpdir(), "pgvc-bench-sync-"));
// As root the server runs as `postgres`, which must reach the cluster's folder.
chmodSync(base, 0o755);
const root = join(base, "repo");
const cacheDir = join(base, "cache");
mkdirSync(root);
const env = { ...process.env, PGVC_CACHE_DIR: cacheDir };
process.chdir(root);
const rows = [];
const loadBefore = loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");
let exitCode = 0;
try {
  const count = makeRepository(root);
  progress(`${count} migrations building ${tables} tables in ${root}`);
  const cold = await step("cold (initdb, start, replay all, write schema.yaml)", env, ["--write"], [0]);
  rows.push(summary("cold: first run, initdb and start included (--write)", [cold]));
  const full = await step("full replay on a running server (--no-cache)", env, ["--no-cache"], [0]);
  rows.push(summary("full replay, server running (--no-cache)", [full]));
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await step(`warm ${i + 1}`, env, [], [0]));
  rows.push(summary("warm: nothing changed (cache)", warm, 500));
  const schemaText = readFileSync(join(root, "schema.yaml"), "utf8");
  const agreed = [];
  const added = [];
  for (let i = 0; i < runs; i++) {
    writeFileSync(join(root, "db/migrations", "999_new.sql"), `ALTER TABLE sales.customer_0 ADD COLUMN bench_${i} text;\n`);
    writeFileSync(join(root, "schema.yaml"), withColumn(schemaText, `bench_${i}`));
    agreed.push(await step(`one new migration, schema.yaml updated ${i + 1}`, env, [], [0]));
    writeFileSync(join(root, "db/migrations", "999_new.sql"), `ALTER TABLE sales.customer_0 ADD COLUMN other_${i} text;\n`);
    writeFileSync(join(root, "schema.yaml"), schemaText);
    added.push(await step(`one new migration, schema.yaml not updated ${i + 1}`, env, [], [1]));
  }
  rows.push(summary("one new migration, schema.yaml updated (in sync)", agreed, 3000));
  rows.push(summary("one new migration, schema.yaml not updated (out of sync: the report)", added, 3000));
  rmSync(join(root, "db/migrations", "999_new.sql"));
  process.stdout.write(`\nsync check, ${count} migrations, ${tables} tables, PostgreSQL ${major} (embedded), median of ${runs}\n\n`);
  process.stdout.write(
    `load average before: ${loadBefore}, after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n\n`,
  );
  process.stdout.write("| step | time | CPU (user + sys) | peak RSS | target |\n|---|---|---|---|---|\n");
  for (const r of rows) {
    const verdict = r.target === undefined ? "" : `< ${(r.target / 1000).toFixed(1)} s ${r.ms < r.target ? "met" : "MISSED"}`;
    process.stdout.write(
      `| ${r.name} | ${(r.ms / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${(r.rssKb / 1024).toFixed(0)} MB | ${verdict} |\n`,
    );
  }
  const out = join(here, "../results");
  mkdirSync(out, { recursive: true });
  const file = join(out, `sync-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ tables, migrations: count, major, runs, loadBefore, node: process.version, rows }, null, 2)}\n`);
  progress(`results written to ${file}`);
} catch (error) {
  progress(`failed: ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  await stopEmbeddedServer({ kind: "embedded", major, cacheDir }).catch(() => undefined);
  rmSync(base, { recursive: true, force: true });
}
process.exit(exitCode);
