// lint-staged's task for examples/: the sync check of every example that
// holds a pgvc.yaml and has a staged file, run once per example (lint-staged
// passes the staged paths as arguments), from the example's folder.
// pgvc check --staged itself exits at once when none of those files is a
// schema, migration or pgvc.yaml.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = join(root, "packages", "sync", "bin", "pgvc-check.js");

const examples = new Set();
for (const file of process.argv.slice(2)) {
  const [top, name] = relative(root, file).split(sep);
  if (top === "examples" && name && existsSync(join(root, "examples", name, "pgvc.yaml"))) examples.add(name);
}

if (examples.size > 0 && !existsSync(check)) {
  process.stderr.write("pre-commit: this checkout has no pgvc check yet: the examples' schemas are not checked\n");
  process.exit(0);
}
if (examples.size > 0 && !existsSync(join(root, "packages", "sync", "dist", "bundle", "check.js"))) {
  process.stderr.write("pre-commit: pgvc check is not built, so the examples' schemas cannot be checked: run npm run build\n");
  process.exit(1);
}

/** pgvc packages `name` is built from: itself and its @pgvc dependencies, transitively. */
function builtFrom(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));
  for (const dep of Object.keys(manifest.dependencies ?? {})) if (dep.startsWith("@pgvc/")) builtFrom(dep.slice(6), seen);
  return seen;
}

/** A source file of the check newer than its bundle: the hook would run yesterday's code. */
function newerSource(bundle) {
  const built = statSync(bundle).mtimeMs;
  for (const name of builtFrom("sync")) {
    const src = join(root, "packages", name, "src");
    for (const file of readdirSync(src, { recursive: true })) {
      if (statSync(join(src, file)).mtimeMs > built) return join("packages", name, "src", file);
    }
  }
  return undefined;
}

const stale = examples.size > 0 ? newerSource(join(root, "packages", "sync", "dist", "bundle", "check.js")) : undefined;
if (stale) {
  process.stderr.write(`pre-commit: pgvc check's bundle is older than ${stale}, so it would check with old code: run npm run build\n`);
  process.exit(1);
}

let status = 0;
for (const name of [...examples].sort()) {
  const result = spawnSync(process.execPath, [check, "--staged"], { cwd: join(root, "examples", name), stdio: "inherit" });
  if (result.status !== 0) status ||= result.status ?? 1;
}
process.exit(status);
