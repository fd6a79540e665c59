// lint-staged's task for examples/: the sync check of every example that
// holds a pgvc.yaml and has a staged file, run once per example (lint-staged
// passes the staged paths as arguments), from the example's folder.
// pgvc check --staged itself exits at once when none of those files is a
// schema, migration or pgvc.yaml.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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

let status = 0;
for (const name of [...examples].sort()) {
  const result = spawnSync(process.execPath, [check, "--staged"], { cwd: join(root, "examples", name), stdio: "inherit" });
  if (result.status !== 0) status ||= result.status ?? 1;
}
process.exit(status);
