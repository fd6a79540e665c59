import { defineConfig } from "vitest/config";

// One PostgreSQL server for the whole run (see @pgvc/testkit). Files named
// *.pg.test.ts use it and form the database suites that the version matrix
// runs on every supported server.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/fixtures/**"],
    globalSetup: ["./packages/testkit/dist/global-setup.js"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one worker per core but one; these tests mostly
    // wait on PostgreSQL and child processes, so on 2 cores three files at
    // a time finish in about a third of the time.
    maxWorkers: 3,
    // The hard-case suites run their cases concurrently within a file (each
    // in databases of its own), so that a version's run is not one file's
    // cases in a row; four at a time keeps the server's connections in bounds.
    maxConcurrency: 4,
  },
});
