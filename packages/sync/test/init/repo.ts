import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A fresh git repository in a temporary folder, with the files given (path → text). */
export function makeRepo(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pgvc-init-test-"));
  execFileSync("git", ["init", "-q"], { cwd: dir });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const plainSchema = "schema public:\n  table t:\n    columns:\n    - id:\n        type: integer\n";
export const ownedSchema = "schema public:\n  owner: app\n  table t:\n    columns:\n    - id:\n        type: integer\n    owner: app\n";
