import { join } from "node:path";
import { resolveConnection } from "@pgvc/core";
import type { PgvcConfig, SourceConfig } from "../config/types.js";
import type { RepoFiles } from "../git/files.js";
import { applyMigrationPart, listSqlMigrations, runCommandMigrations, watchedFiles, type CommandSource } from "../sources/index.js";
import { sha256 } from "./keys.js";
import type { ReplayStep, ScratchDatabaseHandle } from "./types.js";

export interface StepOptions {
  /** Where a command source runs: the repository (or a checkout of git's index). */
  commandRoot: () => Promise<string>;
}

/** The chain of a configuration: every source's migrations, in the configured order. */
export async function buildSteps(config: PgvcConfig, files: RepoFiles, options: StepOptions): Promise<ReplayStep[]> {
  const steps: ReplayStep[] = [];
  for (const source of config.migrations) steps.push(...(await sourceSteps(source, files, options)));
  return steps;
}

async function sourceSteps(source: SourceConfig, files: RepoFiles, options: StepOptions): Promise<ReplayStep[]> {
  if (source.kind === "sql") {
    const { migrations } = await listSqlMigrations(source.dir, source.layout, files);
    return migrations.map((m) => ({
      label: m.file,
      contentHash: sha256(m.up.file, String(m.up.startLine), String(m.up.transaction), m.up.sql),
      async apply(context) {
        await applyMigrationPart(await context.client(), m.up, context.signal ? { signal: context.signal } : {});
      },
    }));
  }
  const command: CommandSource = { run: source.command, cwd: source.cwd, watch: source.watch };
  const watched = await watchedFiles(command, files);
  const contents = await Promise.all(watched.map(async (path) => [path, await files.read(path)]));
  return [
    {
      label: source.name ? `command ${source.name}` : `command \`${source.command}\``,
      contentHash: sha256(source.command, source.cwd, ...contents.flat()),
      async apply(context) {
        await context.release();
        const root = await options.commandRoot();
        await runCommandMigrations(
          { ...command, cwd: join(root, ...source.cwd.split("/")) },
          commandTarget(context.db),
          context.signal ? { signal: context.signal } : {},
        );
      },
    },
  ];
}

function commandTarget(db: ScratchDatabaseHandle) {
  const c = resolveConnection({ dbname: db.url });
  return { host: c.host, port: c.port, user: c.user, password: c.password ?? "", database: c.database };
}
