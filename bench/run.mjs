// `npm run bench`: times pg_dump and the pgvc tools on generated schemas of
// several sizes, on an embedded PostgreSQL 15. Tables on stdout, progress on
// stderr, all results in bench/results/<timestamp>.json. See bench/README.md.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { ensureRole, execute, startServer, withDatabaseName } from "@pgvc/testkit";
import { benchRoles, generateSchema } from "./generate.mjs";
import { measure, rssMethod } from "./measure.mjs";
import { printSize, printSummary } from "./report.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..");
const sizes = (process.env.PGVC_BENCH_SIZES ?? "500 2000 10000")
  .split(/[\s,]+/)
  .filter(Boolean)
  .map(Number);
const runs = Number(process.env.PGVC_BENCH_RUNS ?? 5);
const seed = Number(process.env.PGVC_BENCH_SEED ?? 1);
const batchSize = 500;
const dbtoyamlBin = join(root, "packages/introspect/bin/dbtoyaml.js");
const yamltodbBin = join(root, "packages/diff/bin/yamltodb.js");

function progress(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  progress(`PGVC_BENCH_SIZES must list positive integers, got "${process.env.PGVC_BENCH_SIZES}"`);
  process.exit(2);
}

/** Load the statements in batches, each its own transaction (one for all would exceed the lock table). */
async function load(url, statements) {
  const started = performance.now();
  for (let at = 0; at < statements.length; at += batchSize) {
    await execute(url, statements.slice(at, at + batchSize).join("\n"));
  }
  return performance.now() - started;
}

async function loadSuites() {
  const dir = join(here, "suites");
  if (!existsSync(dir)) return [];
  const suites = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".mjs"))
    .sort()) {
    const suite = (await import(pathToFileURL(join(dir, file)).href)).default;
    if (!suite || typeof suite.run !== "function" || typeof suite.available !== "function") {
      progress(`skipping suites/${file}: it must export default { name, available(), run(ctx) }`);
      continue;
    }
    suites.push(suite);
  }
  return suites;
}

function toolEnv(server) {
  // libpq's variables: the password never appears on a command line.
  return { ...process.env, PGHOST: server.host, PGPORT: String(server.port), PGUSER: server.user, PGPASSWORD: server.password };
}

async function timeTools(n, server, databases, work) {
  const env = toolEnv(server);
  const rows = [];
  const step = async (name, command, args, options = {}) => {
    progress(`N=${n}: ${name} (${runs} runs)`);
    const result = await measure(command, args, { runs, env, ...options }).catch((error) => ({
      ok: false,
      error: String(error?.message ?? error),
    }));
    const output = options.stdoutFile ?? options.outputFile;
    const bytes = output && existsSync(output) ? statSync(output).size : undefined;
    rows.push({ name, ...result, ...(bytes === undefined ? {} : { outputBytes: bytes }) });
    if (!result.ok) progress(`N=${n}: ${name} failed: ${result.error}`);
    return result;
  };
  const dump = join(work, "dump.sql");
  await step("pg_dump --schema-only", "pg_dump", ["--schema-only", "-f", dump, databases.full], { outputFile: dump });
  const yamlFile = join(work, "schema.yaml");
  if (existsSync(dbtoyamlBin)) {
    await step("dbtoyaml", process.execPath, [dbtoyamlBin, databases.full], { stdoutFile: yamlFile });
  } else progress("dbtoyaml not built yet (packages/introspect/bin/dbtoyaml.js): skipped");
  if (existsSync(yamltodbBin) && existsSync(yamlFile) && statSync(yamlFile).size > 0) {
    // Exit 1 means "differences found": still a successful run.
    await step("yamltodb no-op", process.execPath, [yamltodbBin, databases.full, yamlFile], {
      okCodes: [0, 1],
      stdoutFile: join(work, "noop.sql"),
    });
    await step("yamltodb from empty", process.execPath, [yamltodbBin, databases.empty, yamlFile], {
      okCodes: [0, 1],
      stdoutFile: join(work, "create.sql"),
    });
  } else progress("yamltodb skipped (needs packages/diff/bin/yamltodb.js and a schema.yaml from dbtoyaml)");
  return { rows, yamlFile: existsSync(yamlFile) ? yamlFile : undefined };
}

async function benchSize(n, server, suites, work) {
  const generated = generateSchema(n, seed);
  const databases = { full: `bench_${n}`, empty: `bench_${n}_empty` };
  for (const name of Object.values(databases)) {
    await execute(server.url, `DROP DATABASE IF EXISTS ${name}`);
    await execute(server.url, `CREATE DATABASE ${name} TEMPLATE template0`);
  }
  const url = withDatabaseName(server.url, databases.full);
  progress(`N=${n}: loading ${generated.statements.length} statements`);
  const loadMs = await load(url, generated.statements);
  progress(`N=${n}: loaded in ${(loadMs / 1000).toFixed(1)} s`);
  const dir = join(work, String(n));
  mkdirSync(dir, { recursive: true });
  const { rows, yamlFile } = await timeTools(n, server, databases, dir);
  const ctx = {
    n,
    seed,
    runs,
    url,
    emptyUrl: withDatabaseName(server.url, databases.empty),
    server,
    env: toolEnv(server),
    workDir: dir,
    yamlFile,
    generated,
    log: (m) => progress(`N=${n}: ${m}`),
  };
  for (const suite of suites) {
    if (!(await suite.available())) {
      progress(`N=${n}: suite "${suite.name}" not available: skipped`);
      continue;
    }
    try {
      rows.push(...(await suite.run(ctx)));
    } catch (error) {
      rows.push({ name: suite.name, ok: false, error: String(error?.message ?? error) });
      progress(`N=${n}: suite "${suite.name}" failed: ${error?.stack ?? error}`);
    }
  }
  for (const name of Object.values(databases)) await execute(server.url, `DROP DATABASE IF EXISTS ${name}`);
  return { n, loadMs, statements: generated.statements.length, rows };
}

const startedAt = new Date().toISOString();
const work = mkdtempSync(join(tmpdir(), "pgvc-bench-work-"));
progress("starting PostgreSQL 15 (embedded)");
// pg_dump locks every table in one transaction: a 10,000-table schema needs more than the default lock table.
const server = await startServer({ major: 15, settings: { max_locks_per_transaction: "2048", max_connections: "20" } });
const interrupted = () => {
  server.stopNow();
  rmSync(work, { recursive: true, force: true });
  process.exit(130);
};
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);
let exitCode = 0;
try {
  for (const role of benchRoles) await ensureRole(server.url, role);
  const [version] = await execute(server.url, "SELECT pg_catalog.version() AS v");
  const suites = await loadSuites();
  const results = [];
  for (const n of sizes) {
    const result = await benchSize(n, server, suites, work);
    results.push(result);
    printSize(result);
  }
  const summary = printSummary(results);
  const report = { startedAt, server: version.rows[0].v, node: process.version, runs, seed, rssMethod, sizes: results, summary };
  const out = join(here, "results");
  mkdirSync(out, { recursive: true });
  const file = join(out, `${report.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  progress(`results written to ${file}`);
} catch (error) {
  progress(`failed: ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
