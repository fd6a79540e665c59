// Runs the database suites (*.pg.test.ts) once per supported PostgreSQL major
// version, each on its own embedded server. PGVC_MATRIX="14 16" picks versions;
// PGVC_REPORT_DIR keeps the JSON reports for scripts/count-results.mjs.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const versions = (process.env.PGVC_MATRIX ?? "14 15 16 17 18").split(/[\s,]+/).filter(Boolean);
const reportDir = process.env.PGVC_REPORT_DIR ?? "test-results";
mkdirSync(reportDir, { recursive: true });
const env = { ...process.env };
delete env.PGVC_TEST_DATABASE_URL;

let failures = 0;
for (const version of versions) {
  console.error(`\n=== database suites on PostgreSQL ${version} ===`);
  const report = join(reportDir, `matrix-pg${version}.json`);
  const run = spawnSync(
    "npx",
    ["vitest", "run", ".pg.test.", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { stdio: "inherit", env: { ...env, PGVC_TEST_PG: version } },
  );
  if (run.status !== 0) failures += 1;
}
process.exitCode = failures > 0 ? 1 : 0;
