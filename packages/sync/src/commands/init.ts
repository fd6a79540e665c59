import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "@pgvc/core";
import { parseConfig } from "../config/parse.js";
import { renderConfig } from "../config/render.js";
import { configFileName, type PgvcConfig } from "../config/types.js";
import { gitRoot } from "../git/run.js";
import { Changes, type InitAction } from "../init/changes.js";
import { buildConfig, type InitConfig, type InitConfigOptions } from "../init/config.js";
import { installGitHook } from "../init/git-hook.js";
import { installHusky, watchedGlob } from "../init/husky.js";

export const hookModes = ["auto", "husky", "git", "none"] as const;
export type HookMode = (typeof hookModes)[number];

export interface InitOptions extends InitConfigOptions {
  /** Where pgvc init was run; pgvc.yaml goes to the top of its git repository. */
  cwd: string;
  hook: HookMode;
  dryRun: boolean;
}

export interface InitResult {
  root: string;
  /** The text of pgvc.yaml as written (or as it would be), undefined when one was there already. */
  configText: string | undefined;
  hook: Exclude<HookMode, "auto">;
  actions: InitAction[];
  next: string[];
}

/**
 * Set a repository up for the sync check: pgvc.yaml from what is found in
 * it, then the pre-commit hook. Idempotent: an existing file is kept or
 * appended to, never replaced.
 */
export async function init(options: InitOptions): Promise<InitResult> {
  const root = (await gitRoot(options.cwd)) ?? (options.hook === "none" ? options.cwd : undefined);
  if (root === undefined) {
    throw new UsageError(`${options.cwd} is not in a git repository`, {
      hints: ["run git init first, or write only pgvc.yaml with --hook none"],
    });
  }
  const hook = chooseHook(root, options.hook);
  const changes = new Changes(root, options.dryRun);
  const { config, text } = await writeConfig(changes, options);
  if (hook === "husky") await installHusky(changes, watchedGlob(config, isDir(join(root, config.schema))));
  if (hook === "git") await installGitHook(changes);
  changes.next.push("run `pgvc check` once: it replays the migrations and compares them with the schema");
  changes.next.push(hook === "husky" ? `commit ${configFileName}, package.json and the hook files` : `commit ${configFileName}`);
  if (hook === "git")
    changes.next.push(
      "git does not share .git/hooks: in every other clone, run `pgvc init` too (it keeps pgvc.yaml and only adds the hook)",
    );
  return { root, configText: text, hook, actions: changes.actions, next: changes.next };
}

function chooseHook(root: string, hook: HookMode): Exclude<HookMode, "auto"> {
  const hasPackageJson = existsSync(join(root, "package.json"));
  if (hook === "auto") return hasPackageJson ? "husky" : "git";
  if (hook === "husky" && !hasPackageJson) {
    throw new UsageError(`--hook husky: ${root} has no package.json`, {
      hints: ["husky and lint-staged are npm packages; --hook git installs a plain hook that needs only pgvc on PATH"],
    });
  }
  return hook;
}

async function writeConfig(
  changes: Changes,
  options: InitOptions,
): Promise<{ config: Pick<PgvcConfig, "schema" | "migrations">; text?: string }> {
  const path = changes.at(configFileName);
  if (existsSync(path)) {
    changes.keep(path, "exists: left as it is (delete it to have pgvc init write a new one)");
    return { config: parseConfig(readFileSync(path, "utf8"), path, changes.root) };
  }
  const config: InitConfig = await buildConfig(changes.root, options);
  const text = `# The sync check (pgvc check): the schema and the migrations that must build it.\n${renderConfig(config)}`;
  // What is written must read back: a bad flag value is caught here, not at the first commit.
  parseConfig(text, path, changes.root);
  changes.create(path, text, describe(config));
  return { config, text };
}

function describe(config: InitConfig): string {
  const sources = config.migrations.map((s) => (s.kind === "sql" ? `${s.dir}${s.layout ? ` (${s.layout})` : ""}` : `\`${s.command}\``));
  return `schema ${config.schema}; migrations ${sources.join(", ")}`;
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
