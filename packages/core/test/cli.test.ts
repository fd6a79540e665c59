import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { formatError, InputError, UsageError } from "@pgvc/core";

const boundary = fileURLToPath(new URL("./fixtures/boundary.mjs", import.meta.url));

function run(mode: string) {
  return spawnSync(process.execPath, [boundary, mode], { encoding: "utf8" });
}

describe("the CLI error boundary", () => {
  it.each([
    ["ok", 0, ""],
    ["differences", 1, ""],
    ["usage", 2, "demo: error: missing DBNAME\n  expected: demo DBNAME\n"],
    ["input", 3, "demo: error: schema.yaml:12:5: unknown attribute 'colums'\n  did you mean 'columns'?\n"],
    ["database", 4, "demo: error: could not connect to postgres://u:****@h/d (SQLSTATE 08001)\n"],
  ])("%s exits %i", (mode, code, stderr) => {
    const result = run(mode);
    expect(result.status).toBe(code);
    expect(result.stderr).toBe(stderr);
  });

  it("reports an unexpected exception as an internal error, exit 70", () => {
    const result = run("crash");
    expect(result.status).toBe(70);
    expect(result.stderr).toMatch(/^demo: internal error: TypeError: boom/);
    expect(result.stderr).toContain("This is a bug in pgvc. Please report it");
  });

  it("formats an input error with its location", () => {
    const error = new InputError("bad value", { location: { file: "a.yaml", line: 3, column: 7 } });
    expect(formatError("x", error)).toBe("x: error: a.yaml:3:7: bad value");
    expect(error.exitCode).toBe(3);
    expect(new UsageError("u").exitCode).toBe(2);
  });
});
