// Runs the version suites on each supported PostgreSQL major version, each on
// its own embedded server. `npm test` runs everything on 15; what changes from
// one server to the next is how its catalogs read and which DDL it takes, so:
// - every version runs the catalog suites: the introspection suites, every
//   declared attribute built from empty in one pass, and the backup's choice
//   of pg_dump for the server;
// - the oldest also reads back every hard case, and the newest rebuilds each
//   from empty the way a user runs the tools (dbtoyaml, then yamltodb).
// PGVC_MATRIX="14 16" picks versions, PGVC_MATRIX_SUITES=all runs every
// database suite (*.pg.test.ts) instead; PGVC_REPORT_DIR keeps the JSON
// reports for scripts/count-results.mjs.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const introspection = readdirSync("packages/introspect/test")
  .filter((file) => file.endsWith(".pg.test.ts") && file !== "cases.pg.test.ts")
  .map((file) => `packages/introspect/test/${file}`);
const catalog = [
  ...introspection,
  "packages/diff/test/create-every-attribute.pg.test.ts",
  "packages/diff/test/privileges-all.pg.test.ts",
  "packages/backup/test/client-version.pg.test.ts",
];
const endToEnd = [...catalog, "packages/introspect/test/cases.pg.test.ts", "packages/diff/test/yaml-rebuild.pg.test.ts"];
// The oldest version reads every hard case back; the newest rebuilds each from empty, which
// reads each back too (dbtoyaml on the source, then on the rebuilt database).
const suitesByVersion = {
  14: [...catalog, "packages/introspect/test/cases.pg.test.ts"],
  15: endToEnd,
  16: catalog,
  17: catalog,
  18: [...catalog, "packages/diff/test/yaml-rebuild.pg.test.ts"],
};

const versions = (process.env.PGVC_MATRIX ?? "14 15 16 17 18").split(/[\s,]+/).filter(Boolean);
const everything = process.env.PGVC_MATRIX_SUITES === "all";
const reportDir = process.env.PGVC_REPORT_DIR ?? "test-results";
mkdirSync(reportDir, { recursive: true });
const env = { ...process.env };
delete env.PGVC_TEST_DATABASE_URL;

let failures = 0;
for (const version of versions) {
  const suites = everything ? [] : suitesByVersion[version];
  if (suites === undefined) {
    console.error(`PostgreSQL ${version} is not supported (14 to 18)`);
    failures += 1;
    continue;
  }
  console.error(`\n=== ${everything ? "database suites" : "version suites"} on PostgreSQL ${version} ===`);
  const report = join(reportDir, `matrix-pg${version}.json`);
  // vitest's filters match paths by substring.
  const filters = everything ? [".pg.test."] : suites;
  const run = spawnSync("npx", ["vitest", "run", ...filters, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
    stdio: "inherit",
    env: { ...env, PGVC_TEST_PG: version, PGVC_MATRIX_RUN: "1" },
  });
  if (run.status !== 0) failures += 1;
}
process.exitCode = failures > 0 ? 1 : 0;
