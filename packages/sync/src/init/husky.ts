import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PgvcConfig } from "../config/types.js";
import type { Changes } from "./changes.js";
import { hooksDir } from "./git.js";

const lintStagedFiles = [
  ".lintstagedrc",
  ".lintstagedrc.json",
  ".lintstagedrc.yaml",
  ".lintstagedrc.yml",
  ".lintstagedrc.mjs",
  ".lintstagedrc.cjs",
  ".lintstagedrc.js",
  "lint-staged.config.mjs",
  "lint-staged.config.cjs",
  "lint-staged.config.js",
];

interface PackageJson {
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  "lint-staged"?: unknown;
}

/** The globs (repository-relative) of every file the check reads: one lint-staged key. */
export function watchedGlob(config: Pick<PgvcConfig, "schema" | "migrations">, schemaIsDir: boolean): string {
  const globs = ["pgvc.yaml", schemaIsDir ? `${config.schema}/**` : config.schema];
  for (const s of config.migrations) globs.push(...(s.kind === "sql" ? [`${s.dir}/**`] : s.watch));
  const unique = [...new Set(globs.map((g) => g.replace(/^\.\/+/, "").replace(/^\.\/?\*\*$/, "**")))];
  return unique.length === 1 ? (unique[0] as string) : `{${unique.join(",")}}`;
}

/** lint-staged.config.mjs: a function, so that lint-staged runs the check once and passes it no file names. */
export function lintStagedConfig(glob: string): string {
  return [
    "// pgvc check --staged runs once per commit when a file it reads is staged",
    "// (a function: lint-staged then passes no file names and runs it once).",
    "export default {",
    `  ${JSON.stringify(glob)}: () => "pgvc check --staged",`,
    "};",
    "",
  ].join("\n");
}

/**
 * husky + lint-staged for a repository with a package.json: husky's
 * pre-commit runs lint-staged, lint-staged runs the check. Nothing is
 * installed; the command that installs them is added to `changes.next`.
 */
export async function installHusky(changes: Changes, glob: string): Promise<void> {
  const pkgPath = changes.at("package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as PackageJson;
  const dir = await huskyDir(changes, pkg);
  addPrepare(changes, pkgPath, pkg, dir);
  addHuskyHook(changes, join(changes.root, dir, "pre-commit"));
  addLintStaged(changes, pkg, glob);
  const missing = ["husky", "lint-staged"].filter((p) => !pkg.devDependencies?.[p] && !pkg.dependencies?.[p]);
  const huskyCommand = dir === ".husky" ? "npx husky" : `npx husky ${dir}`;
  if (missing.length > 0) changes.next.push(`npm install --save-dev ${missing.join(" ")} && ${huskyCommand}`);
  else if (!(await hooksDir(changes.root)).configured) changes.next.push(huskyCommand);
}

/** husky's folder: the one the prepare script names, else `.husky`. */
async function huskyDir(changes: Changes, pkg: PackageJson): Promise<string> {
  const named = /\bhusky(?:\s+(?!&|\||;)([^\s&|;]+))?/.exec(pkg.scripts?.prepare ?? "");
  if (named?.[1]) return named[1].replace(/\/+$/, "");
  const { dir, configured } = await hooksDir(changes.root);
  const rel = changes.show(dir);
  return configured && rel.endsWith("/_") ? rel.slice(0, -2) : ".husky";
}

function addPrepare(changes: Changes, pkgPath: string, pkg: PackageJson, dir: string): void {
  const prepare = pkg.scripts?.prepare;
  if (prepare !== undefined) {
    if (!/\bhusky\b/.test(prepare))
      changes.next.push(`add husky to the prepare script of package.json (now "${prepare}"): "${prepare} && husky"`);
    return;
  }
  const text = readFileSync(pkgPath, "utf8");
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
  const updated = { ...pkg, scripts: { ...pkg.scripts, prepare: dir === ".husky" ? "husky" : `husky ${dir}` } };
  changes.update(pkgPath, `${JSON.stringify(updated, null, indent)}\n`, `scripts.prepare runs husky (git's hooks come from ${dir}/)`);
}

function addHuskyHook(changes: Changes, path: string): void {
  if (!existsSync(path)) {
    changes.create(path, "npx --no-install lint-staged\n", "husky's pre-commit hook: runs lint-staged", true);
  } else if (/\blint-staged\b/.test(readFileSync(path, "utf8"))) {
    changes.keep(path, "husky's pre-commit hook already runs lint-staged");
  } else {
    const text = readFileSync(path, "utf8");
    changes.append(
      path,
      `${text.endsWith("\n") || text === "" ? "" : "\n"}npx --no-install lint-staged\n`,
      "husky's pre-commit hook now also runs lint-staged",
    );
  }
}

function addLintStaged(changes: Changes, pkg: PackageJson, glob: string): void {
  const existing = pkg["lint-staged"] !== undefined ? "package.json" : lintStagedFiles.find((f) => existsSync(changes.at(f)));
  if (existing === undefined) {
    changes.create(
      changes.at("lint-staged.config.mjs"),
      lintStagedConfig(glob),
      "lint-staged runs pgvc check --staged once when a schema or migration file is staged",
    );
    return;
  }
  const path = changes.at(existing);
  if (/pgvc check/.test(readFileSync(path, "utf8"))) {
    changes.keep(path, "lint-staged already runs pgvc check");
    return;
  }
  changes.refuse(
    path,
    "lint-staged is configured here; pgvc needs a function entry, which only a JavaScript config can hold: left as it is",
    [
      existing === "package.json" || !/\.[cm]?js$/.test(existing)
        ? "move the lint-staged configuration to lint-staged.config.mjs (export default { ... }) and add to it:"
        : `add to the exported object of ${existing}:`,
      `  ${JSON.stringify(glob)}: () => "pgvc check --staged",`,
    ],
  );
}
