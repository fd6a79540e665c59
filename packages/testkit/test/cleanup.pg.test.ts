import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { databaseExists, testServerUrl } from "@pgvc/testkit";

const config = fileURLToPath(new URL("./fixtures/nested/vitest.config.mjs", import.meta.url));
const vitestBin = join(dirname(fileURLToPath(import.meta.resolve("vitest/package.json"))), "vitest.mjs");

interface Probe {
  database: string;
  serverDir: string | null;
}

const scratch = mkdtempSync(join(tmpdir(), "pgvc-probe-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run the probe test in a vitest run of its own; resolve when it has ended. */
function nestedRun(mode: "fail" | "hang", env: NodeJS.ProcessEnv) {
  const probeFile = join(mkdtempSync(join(scratch, "run-")), "probe.json");
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PGVC_PROBE_FILE: probeFile, PGVC_PROBE_MODE: mode };
  delete childEnv.PGVC_TEST_SERVER_URL;
  delete childEnv.PGVC_TEST_SERVER_DIR;
  delete childEnv.VITEST;
  delete childEnv.VITEST_WORKER_ID;
  delete childEnv.VITEST_POOL_ID;
  delete childEnv.NODE_OPTIONS;
  const child = spawn(process.execPath, [vitestBin, "run", "--config", config], { env: childEnv, stdio: "pipe" });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const ended = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const probe = async (): Promise<Probe> => {
    for (let i = 0; i < 600 && !existsSync(probeFile); i++) await new Promise((r) => setTimeout(r, 100));
    return JSON.parse(readFileSync(probeFile, "utf8")) as Probe;
  };
  return { child, ended, probe, output: () => output };
}

describe("the harness cleans up", () => {
  it("drops the test file's database when its test fails", async () => {
    const run = nestedRun("fail", { PGVC_TEST_DATABASE_URL: testServerUrl() });
    const code = await run.ended;
    expect(code, run.output()).toBe(1);
    const probe = await run.probe();
    expect(probe.database).toMatch(/^probe_[0-9a-f]{8}$/);
    expect(await databaseExists(testServerUrl(), probe.database)).toBe(false);
  });

  it("stops its embedded server and removes its files when a test fails", async () => {
    const run = nestedRun("fail", {});
    expect(await run.ended, run.output()).toBe(1);
    const probe = await run.probe();
    expect(probe.serverDir).toMatch(/pgvc-pg-/);
    expect(existsSync(probe.serverDir!)).toBe(false);
  });

  it("stops its embedded server and removes its files when interrupted", async () => {
    const run = nestedRun("hang", {});
    const probe = await run.probe();
    expect(existsSync(probe.serverDir!)).toBe(true);
    run.child.kill("SIGINT");
    await run.ended;
    for (let i = 0; i < 100 && existsSync(probe.serverDir!); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(probe.serverDir!), run.output()).toBe(false);
  });
});
