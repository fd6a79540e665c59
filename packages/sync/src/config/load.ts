import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { InputError, UsageError } from "@pgvc/core";
import { SchemaInputError } from "@pgvc/yaml";
import type { RepoFiles } from "../git/files.js";
import { gitRoot } from "../git/run.js";
import { worktreeFiles } from "../git/worktree.js";
import { parseConfig } from "./parse.js";
import { configFileName, type PgvcConfig } from "./types.js";

export interface LoadConfigOptions {
  /** Where to start looking (default: the current directory). */
  cwd?: string | undefined;
  /** `--config FILE`: this file instead of the pgvc.yaml found by walking up. */
  file?: string | undefined;
  /** Read the configuration (and check its paths) in this version of the repository (default: the working tree). */
  files?: ((root: string) => Promise<RepoFiles>) | undefined;
  /** A schema file that does not exist yet is fine (`pgvc check --write` creates it). */
  schemaMayBeMissing?: boolean | undefined;
}

/**
 * Find and read pgvc.yaml: the nearest one walking up from `cwd` to the
 * top of the git repository (or `--config FILE`), then check that the
 * schema and every migration directory it names exist.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<{ config: PgvcConfig; files: RepoFiles }> {
  const cwd = resolve(options.cwd ?? ".");
  const top = await gitRoot(cwd);
  const found = options.file !== undefined ? resolve(cwd, options.file) : findConfig(cwd, top);
  const root = top ?? dirname(found);
  const files = await (options.files ?? (async (r: string) => worktreeFiles(r)))(root);
  try {
    const path = relative(root, found).split(sep).join("/");
    const text = await files.read(path).catch((cause: unknown) => {
      throw new InputError(`${files.describe(path)}: cannot read the configuration`, { location: { file: found }, cause });
    });
    // Problems name the file as the user would type it from here; `file` stays absolute.
    const config = { ...parseConfig(text, relative(cwd, found) || found, root), file: found };
    await checkPaths(config, files, options.schemaMayBeMissing === true);
    return { config, files };
  } catch (error) {
    await files.close();
    throw error;
  }
}

function findConfig(cwd: string, top: string | undefined): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const candidate = join(dir, configFileName);
    if (existsSync(candidate)) return candidate;
    if (dir === top || dirname(dir) === dir) break;
  }
  throw new UsageError(`no ${configFileName} in ${cwd}${top && top !== cwd ? ` or above it up to ${top}` : ""}`, {
    hints: ["run `pgvc init` to write one, or name it with --config FILE"],
  });
}

/** The schema and the SQL migration directories must exist in this version of the repository. */
export async function checkPaths(config: PgvcConfig, files: RepoFiles, schemaMayBeMissing = false): Promise<void> {
  const problems: InputError[] = [];
  const schemaKind = await files.kind(config.schema);
  if (schemaKind === undefined && !schemaMayBeMissing) {
    problems.push(
      new InputError(`the schema ${files.describe(config.schema)} does not exist`, {
        location: config.locations?.schema ?? { file: config.file },
        hints: ["write it with dbtoyaml, or with `pgvc check --write` from the migrations"],
      }),
    );
  }
  for (const [i, source] of config.migrations.entries()) {
    if (source.kind !== "sql" || (await files.kind(source.dir)) === "directory") continue;
    problems.push(
      new InputError(`the migration directory ${files.describe(source.dir)} does not exist or holds no files`, {
        location: config.locations?.migrations[i] ?? { file: config.file },
      }),
    );
  }
  if (problems.length) throw new SchemaInputError(problems);
}
