import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { gitRoot } from "../../src/git/run.js";

const base = realpathSync(mkdtempSync(join(tmpdir(), "pgvc-root-")));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
const env = { PATH: process.env.PATH };

function repository(name: string): string {
  const dir = join(base, name);
  mkdirSync(join(dir, "a/b"), { recursive: true });
  git(dir, "init", "-q");
  git(dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "first");
  return dir;
}

it("answers what git rev-parse --show-toplevel answers, from the top and from a subfolder", async () => {
  const dir = repository("plain");
  for (const cwd of [dir, join(dir, "a/b")]) {
    expect(await gitRoot(cwd, env)).toBe(git(cwd, "rev-parse", "--show-toplevel"));
  }
  expect(await gitRoot(join(dir, "a/b"), env)).toBe(dir);
});

it("finds a linked worktree (a .git file) as its own top, not the main one's", async () => {
  const main = repository("main");
  const linked = join(base, "linked");
  git(main, "worktree", "add", "-q", linked);
  expect(await gitRoot(join(linked), env)).toBe(linked);
  expect(git(linked, "rev-parse", "--show-toplevel")).toBe(linked);
});

it("is undefined outside a repository, and follows GIT_WORK_TREE through git", async () => {
  const outside = join(base, "outside");
  mkdirSync(outside);
  expect(await gitRoot(outside, env)).toBeUndefined();
  const dir = repository("moved");
  expect(await gitRoot(outside, { ...env, GIT_DIR: join(dir, ".git"), GIT_WORK_TREE: dir })).toBe(dir);
});
