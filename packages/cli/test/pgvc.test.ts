import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const pgvc = fileURLToPath(new URL("../bin/pgvc.js", import.meta.url));

/** A folder on PATH holding stand-in sub-commands that report how they were called. */
function fakeCommands(): string {
  const dir = mkdtempSync(join(tmpdir(), "pgvc-cli-"));
  const script = (body: string) => `#!/bin/sh\n${body}\n`;
  writeFileSync(join(dir, "pgvc-echo"), script('printf "%s|" "$@"; echo; exit 3'));
  writeFileSync(join(dir, "pgvc-hello"), script("echo hello ran"));
  writeFileSync(join(dir, "pgvc-notexec"), script("echo never"));
  chmodSync(join(dir, "pgvc-echo"), 0o755);
  chmodSync(join(dir, "pgvc-hello"), 0o755);
  return dir;
}

function run(args: string[], dir: string) {
  return spawnSync(process.execPath, [pgvc, ...args], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
  });
}

describe("pgvc dispatches to pgvc-SUB", () => {
  const dir = fakeCommands();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [["echo", "a b", "--flag"], 3, "a b|--flag|\n", ""],
    [["hello"], 0, "hello ran\n", ""],
    [["--version"], 0, "pgvc 0.1.0\n", ""],
  ])("pgvc %j exits %i", (args, code, stdout, stderr) => {
    const result = run(args, dir);
    expect(result.status).toBe(code);
    expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe(stderr);
  });

  it("lists the installed commands in --help", () => {
    const result = run(["--help"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}echo$/m);
    expect(result.stdout).toMatch(/^ {2}hello$/m);
    // The workspace's own commands, linked by npm next to pgvc, come with a summary.
    expect(result.stdout).toMatch(/^ {2}backup +back up a database/m);
    expect(result.stdout).not.toMatch(/notexec/);
  });

  it("exits 2 with a suggestion for an unknown command", () => {
    const result = run(["helo"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("pgvc: error: unknown command 'helo'");
    expect(result.stderr).toContain("did you mean 'pgvc hello'?");
  });

  it("exits 2 with usage when no command is given", () => {
    const result = run([], dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^Usage: pgvc COMMAND/);
  });
});
