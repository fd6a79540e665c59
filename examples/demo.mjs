// The pgvc demo: starts its own PostgreSQL (npm's embedded binaries), builds
// the example shop database and walks the workflow step by step. Each step
// prints what a user would run and what it showed. Nothing outside a
// temporary folder is touched; the server is removed at the end.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureRole, execute, runSqlFile, startServer, withDatabaseName } from "@pgvc/testkit";

const here = fileURLToPath(new URL(".", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "pgvc-demo-"));

function heading(text) {
  process.stdout.write(`\n== ${text}\n`);
}

async function whatTheDatabaseHolds(url) {
  const [result] = await execute(
    url,
    `SELECT n.nspname AS schema, c.relname AS name,
            CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'S' THEN 'sequence'
                           WHEN 'i' THEN 'index' WHEN 'm' THEN 'materialized view' ELSE c.relkind::text END AS kind
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'app'
      ORDER BY 3, 2`,
  );
  for (const row of result.rows) process.stdout.write(`  ${row.kind.padEnd(18)} ${row.schema}.${row.name}\n`);
}

// The sync check as a git hook: a repository whose schema.yaml (just
// edited) is ahead of its one migration. `pgvc init` installs the hook; the
// commit is refused with the report; `pgvc migration new` writes the
// migration that adds what schema.yaml says, and the commit is accepted. The check makes its scratch databases on the demo's
// server (scratch: server: URL).
function hookStep(server, schemaFile) {
  const repo = join(work, "repo");
  const bin = join(work, "bin");
  mkdirSync(join(repo, "db", "migrations"), { recursive: true });
  mkdirSync(bin);
  for (const [name, script] of [["pgvc", "packages/cli/bin/pgvc.js"], ["pgvc-check", "packages/sync/bin/pgvc-check.js"], ["pgvc-init", "packages/sync/bin/pgvc-init.js"], ["pgvc-migration", "packages/sync/bin/pgvc-migration.js"]]) {
    writeFileSync(join(bin, name), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(here, "..", script))} "$@"\n`, { mode: 0o755 });
  }
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, PGVC_CACHE_DIR: join(work, "cache"), GIT_AUTHOR_NAME: "Demo", GIT_AUTHOR_EMAIL: "demo@example.com", GIT_COMMITTER_NAME: "Demo", GIT_COMMITTER_EMAIL: "demo@example.com" };
  const sh = (command, ...args) => spawnSync(command, args, { cwd: repo, env, encoding: "utf8" });
  const show = (result, max = 40) => {
    const lines = `${result.stdout}${result.stderr}`.trimEnd().split("\n").filter((l) => l !== "");
    for (const line of lines.slice(0, max)) process.stdout.write(`  ${line}\n`);
    if (lines.length > max) process.stdout.write(`  … ${lines.length - max} more lines\n`);
    process.stdout.write(`  (exit ${result.status})\n`);
  };
  sh("git", "init", "-q");
  writeFileSync(join(repo, "db", "migrations", "001_shop.sql"), readFileSync(join(here, "shop", "schema.sql")));
  writeFileSync(join(repo, "schema.yaml"), readFileSync(schemaFile));

  heading("pgvc init --server URL   (in a repository holding schema.yaml and db/migrations/001_shop.sql)");
  show(sh(join(bin, "pgvc"), "init", "--server", server.url));

  heading("git commit   (schema.yaml has orders.note and its index; no migration makes them: the hook refuses)");
  sh("git", "add", ".");
  show(sh("git", "commit", "-q", "-m", "shop schema"));

  heading("pgvc migration new orders_note   (forward and reverse SQL from schema.yaml, run forward, back and forward again on a scratch copy with rows)");
  show(sh(join(bin, "pgvc"), "migration", "new", "orders_note"));

  heading("git commit again, with the new migration");
  sh("git", "add", ".");
  show(sh("git", "commit", "-q", "-m", "shop schema, orders.note"));
  show(sh("git", "log", "--oneline"));
}

const server = await startServer({ major: process.env.PGVC_DEMO_PG ?? 15 });
const interrupted = () => {
  server.stopNow();
  process.exit(130);
};
process.once("SIGINT", interrupted);
try {
  heading(`PostgreSQL ${server.major} started on 127.0.0.1:${server.port} (embedded, temporary)`);
  await ensureRole(server.url, "shop_reader");
  await execute(server.url, "CREATE DATABASE shop");
  const shop = withDatabaseName(server.url, "shop");
  await runSqlFile(shop, join(here, "shop", "schema.sql"));
  await runSqlFile(shop, join(here, "shop", "data.sql"));

  heading("The example database 'shop' holds:");
  await whatTheDatabaseHolds(shop);

  heading("pgvc backup shop --directory $DEMO   (pg_dump -Fc, checked with pg_restore, described in FILE.json)");
  const libpq = { PGHOST: server.host, PGPORT: String(server.port), PGUSER: server.user, PGPASSWORD: server.password };
  const backup = spawnSync(process.execPath, [join(here, "..", "packages", "backup", "bin", "pgvc-backup.js"), "shop", "--directory", work], {
    encoding: "utf8",
    env: { ...process.env, ...libpq },
  });
  if (backup.status === 0) {
    const file = backup.stdout.trim();
    const about = JSON.parse(readFileSync(`${file}.json`, "utf8"));
    process.stdout.write(`  ${file}\n  ${about.sizeBytes} bytes, ${about.tocEntries} entries, sha256 ${about.sha256.slice(0, 16)}…\n`);
    process.stdout.write(`  database ${about.database} on PostgreSQL ${about.serverVersion}, pg_dump ${about.pgDumpVersion}, ${about.startedAt}\n`);
  } else {
    process.stdout.write(`  (exit ${backup.status}) ${backup.stderr.trim().replace(/\n/g, "\n  ")}\n`);
  }

  heading("dbtoyaml --no-owner --no-privileges shop -o $DEMO/schema.yaml   (the schema as Pyrseas-format YAML)");
  const schemaFile = join(work, "schema.yaml");
  const dbtoyamlBin = join(here, "..", "packages", "introspect", "bin", "dbtoyaml.js");
  const extract = spawnSync(process.execPath, [dbtoyamlBin, "--no-owner", "--no-privileges", "shop", "-o", schemaFile], {
    encoding: "utf8",
    env: { ...process.env, PGHOST: server.host, PGPORT: String(server.port), PGUSER: server.user, PGPASSWORD: server.password },
  });
  if (extract.status === 0) {
    const lines = readFileSync(schemaFile, "utf8").trimEnd().split("\n");
    for (const line of lines.slice(0, 30)) process.stdout.write(`  ${line}\n`);
    if (lines.length > 30) process.stdout.write(`  … ${lines.length - 30} more lines in ${schemaFile}\n`);
  } else {
    process.stdout.write(`  (exit ${extract.status}) ${extract.stderr.trim().replace(/\n/g, "\n  ")}\n`);
  }

  if (extract.status === 0) {
    heading("Edit schema.yaml: orders gains a column `note` and an index on it; then yamltodb --hazards shop schema.yaml");
    const { readSchemaYaml, writeSchemaYaml } = await import("@pgvc/yaml");
    const edited = readSchemaYaml(readFileSync(schemaFile, "utf8"), schemaFile);
    const orders = edited.schemas.app.tables.orders;
    orders.columns.push({ name: "note", type: "text" });
    orders.indexes = { ...orders.indexes, orders_note_idx: { keys: ["note"] } };
    writeFileSync(schemaFile, writeSchemaYaml(edited));
    const yamltodbBin = join(here, "..", "packages", "diff", "bin", "yamltodb.js");
    const yamltodb = (...args) => spawnSync(process.execPath, [yamltodbBin, ...args], { encoding: "utf8", env: { ...process.env, ...libpq } });
    const show = (result) => {
      for (const line of `${result.stdout}${result.stderr}`.trimEnd().split("\n")) if (line) process.stdout.write(`  ${line}\n`);
      if (`${result.stdout}${result.stderr}`.trim() === "") process.stdout.write("  (nothing: the database matches schema.yaml)\n");
    };
    show(yamltodb("--hazards", "shop", schemaFile));
    heading("yamltodb -u shop schema.yaml   (one transaction: apply, read back, compare, COMMIT only if equal)");
    show(yamltodb("-u", "shop", schemaFile));
    heading("yamltodb shop schema.yaml   (again)");
    show(yamltodb("shop", schemaFile));
    hookStep(server, schemaFile);
  }
} finally {
  process.off("SIGINT", interrupted);
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
heading("Done: the server and its files are gone.");
