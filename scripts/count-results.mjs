// Prints "N passed, N failed" from one or more vitest JSON reports. A test
// file that failed to load has no test results of its own: it counts as one
// failed test, so a broken file can never pass unnoticed.
import { readFileSync, existsSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`count-results: missing report ${file} (the run did not finish): counted as one failure`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  for (const suite of report.testResults ?? []) {
    const results = suite.assertionResults ?? [];
    if (results.length === 0 && suite.status === "failed") {
      console.error(`count-results: ${suite.name} failed to run: ${(suite.message ?? "").split("\n")[0]}`);
      failed += 1;
    }
    for (const test of results) {
      if (test.status === "passed") passed += 1;
      else if (test.status === "failed") failed += 1;
      else skipped += 1;
    }
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed > 0 ? 1 : 0;
