import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { connect, resolveConnection, UsageError, type Session } from "@pgvc/core";
import { runStatements, type RenameHint, type Statement } from "@pgvc/diff";
import { introspect, type IntrospectionOptions } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { cacheDirectory } from "@pgvc/scratch";
import { planMigration, type AuthoringFormat, type PlannedFile } from "../authoring/formats.js";
import { nextDjangoMigration } from "../authoring/django.js";
import { migrationSlug } from "../authoring/naming.js";
import { renameCandidates, type RenameCandidate } from "../authoring/renames.js";
import { djangoApp, djangoRunner, sqlRunner } from "../authoring/runners.js";
import { verifyMigration, type DirectionRunner, type VerifyFailure } from "../authoring/verify.js";
import { compareModels } from "../check/compare.js";
import { itemsByRef } from "../check/objects.js";
import { readSchemaModel } from "../check/schema.js";
import { loadConfig } from "../config/load.js";
import type { PgvcConfig, SourceConfig } from "../config/types.js";
import type { RepoFiles } from "../git/files.js";
import { listSqlMigrations } from "../sources/index.js";
import { introspectionOf } from "./check.js";
import { openChain } from "./chain.js";

export interface MigrationNewOptions {
  name: string;
  cwd?: string | undefined;
  config?: string | undefined;
  /** The source to write to, by its `name` or its position (1-based); needed when there are several. */
  source?: string | undefined;
  /** Django: the app (else the configuration's, else the only one). */
  app?: string | undefined;
  renames?: RenameHint[] | undefined;
  /** Write even when verification fails, marked as unverified. */
  force?: boolean | undefined;
  /** Write a migration that loses data without asking. */
  allowDataLoss?: boolean | undefined;
  /** Shown the SQL both ways with its hazards before anything is asked or verified. */
  onPlan?: ((forward: readonly Statement[], reverse: readonly Statement[]) => void) | undefined;
  /** Asks the person (on a terminal); absent: nothing is asked. */
  confirm?: ((question: string) => Promise<boolean>) | undefined;
  cacheDir?: string | undefined;
  noCache?: boolean | undefined;
  now?: Date | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((text: string) => void) | undefined;
}

export interface MigrationNewResult {
  /** `refused`: data loss not allowed; `failed`: verification failed and nothing was written. */
  status: "nothing-to-do" | "written" | "refused" | "failed";
  format?: AuthoringFormat;
  files: string[];
  forward: Statement[];
  reverse: Statement[];
  /** Renames the diff could not know, not confirmed: each may be given with --rename. */
  possibleRenames: RenameCandidate[];
  failure?: VerifyFailure;
  /** Tables no generated row could be put in (their data was not part of the verification). */
  unfilled: string[];
}

/**
 * `pgvc migration new NAME`: replay the migrations into a scratch
 * database, diff it against schema.yaml both ways, write the next
 * migration in the source's own format, and only after running it
 * forward, back and forward again on that database with rows in every
 * table it can fill.
 */
export async function migrationNew(options: MigrationNewOptions): Promise<MigrationNewResult> {
  migrationSlug(options.name);
  const { config, files } = await loadConfig({ cwd: options.cwd, file: options.config });
  const cleanups: (() => Promise<void>)[] = [() => files.close()];
  try {
    const source = chooseSource(config, options.source);
    const chain = await openChain(config, files, {
      cacheDir: options.cacheDir ?? join(cacheDirectory(), "sync"),
      noCache: options.noCache,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    cleanups.push(chain.close);
    const session = await connect(resolveConnection({ dbname: chain.db.url }));
    cleanups.push(() => session.close());
    return await author(config, files, source, session, chain.db.url, options);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function author(
  config: PgvcConfig,
  files: RepoFiles,
  source: SourceConfig,
  session: Session,
  dbUrl: string,
  options: MigrationNewOptions,
): Promise<MigrationNewResult> {
  const introspection = introspectionOf(config);
  options.onProgress?.("reading the database the migrations build");
  const current = await introspect(session, introspection);
  const target = await readSchemaModel(config, files, false);
  let renames = options.renames ?? [];
  let forward = await compareModels(current, target, { introspection, session, renames });
  const base: MigrationNewResult = { status: "nothing-to-do", files: [], forward, reverse: [], possibleRenames: [], unfilled: [] };
  if (forward.length === 0) return base;
  const candidates = renameCandidates(forward, itemsByRef(current), itemsByRef(target));
  const confirmed: RenameHint[] = [];
  for (const c of candidates)
    if (await options.confirm?.(`Is ${c.from} renamed to ${c.hint.to}? (otherwise it is dropped and created)`)) confirmed.push(c.hint);
  if (confirmed.length > 0) {
    renames = [...renames, ...confirmed];
    forward = await compareModels(current, target, { introspection, session, renames });
  }
  const possibleRenames = candidates.filter((c) => !confirmed.includes(c.hint));
  const back = renames.map(inverse);
  const reversed = await reverseOf(session, forward, current, introspection, back).catch((error: unknown) => error as Error);
  const reverse = reversed instanceof Error ? await compareModels(target, current, { introspection, renames: back }) : reversed;
  const result: MigrationNewResult = { ...base, forward, reverse, possibleRenames };
  options.onPlan?.(forward, reverse);
  if (reversed instanceof Error && !options.force) {
    return { ...result, status: "failed", failure: { step: "forward", message: reversed.message } };
  }
  if (forward.some((s) => s.hazards.includes("data-loss")) && !options.allowDataLoss) {
    const yes = await options.confirm?.(
      "This migration loses data (see the hazards above) and its reverse cannot bring it back. Write it?",
    );
    if (!yes) return { ...result, status: "refused" };
  }
  return writeVerified(config, files, source, dbUrl, { ...result, status: "written" }, { current, target, introspection }, options);
}

/**
 * The reverse: what brings the state after the forward statements back,
 * read inside a transaction that is rolled back. The forward statements
 * failing here (on the rows the migrations themselves insert) is the
 * verification's first failure; `--force` then falls back to the models'
 * diff.
 */
async function reverseOf(
  session: Session,
  forward: readonly Statement[],
  current: Database,
  introspection: IntrospectionOptions,
  renames: RenameHint[],
): Promise<Statement[]> {
  await session.query("BEGIN");
  let after: Database;
  try {
    await runStatements(session, forward);
    after = await introspect(session, introspection);
  } finally {
    await session.query("ROLLBACK").catch(() => undefined);
  }
  return compareModels(after, current, { introspection, renames });
}

/** The same rename the other way: `column:app.t.a=b` becomes `column:app.t.b=a`, `table:app.a=app.b` becomes `table:app.b=app.a`. */
function inverse(hint: RenameHint): RenameHint {
  if (hint.to.includes(".")) return { kind: hint.kind, from: hint.to, to: hint.from };
  const cut = hint.from.lastIndexOf(".");
  return { kind: hint.kind, from: `${hint.from.slice(0, cut + 1)}${hint.to}`, to: hint.from.slice(cut + 1) };
}

interface Models {
  current: Database;
  target: Database;
  introspection: IntrospectionOptions;
}

async function writeVerified(
  config: PgvcConfig,
  files: RepoFiles,
  source: SourceConfig,
  dbUrl: string,
  result: MigrationNewResult,
  models: Models,
  options: MigrationNewOptions,
): Promise<MigrationNewResult> {
  const target = await targetOf(config, files, source, options);
  const plan = (unverified?: string) =>
    planMigration({
      ...target,
      name: options.name,
      forward: result.forward,
      reverse: result.reverse,
      now: options.now ?? new Date(),
      ...(unverified ? { unverified } : {}),
    });
  const planned = plan();
  const written: string[] = [];
  try {
    if (source.kind === "command") written.push(...(await writeFiles(config.root, planned)));
    const runner = await runnerFor(config, files, source, target, planned, dbUrl, options.name);
    options.onProgress?.("verifying: forward, reverse and forward again on a scratch database with rows");
    const verified = await verifyMigration({
      url: dbUrl,
      run: runner,
      ...models,
      forward: result.forward,
      skipTables: source.kind === "command" ? ["public.django_migrations"] : [],
    });
    const unfilled = verified.fill.unfilled.map((u) => u.table);
    if (!verified.failure) return { ...result, format: target.format, files: await writeFiles(config.root, planned), unfilled };
    await removeFiles(config.root, written);
    if (!options.force) return { ...result, status: "failed", format: target.format, failure: verified.failure, unfilled };
    const marked = plan(`the ${verified.failure.step} step failed: ${verified.failure.message.split("\n")[0]}`);
    return { ...result, format: target.format, failure: verified.failure, files: await writeFiles(config.root, marked), unfilled };
  } catch (error) {
    await removeFiles(config.root, written);
    throw error;
  }
}

type Target = { format: AuthoringFormat; dir: string; existing: string[]; app?: string };

async function targetOf(config: PgvcConfig, files: RepoFiles, source: SourceConfig, options: MigrationNewOptions): Promise<Target> {
  if (source.kind === "command") {
    const { app, dir } = await djangoApp(source, files, options.app);
    return { format: "django", dir, existing: await files.list(dir), app };
  }
  const { layout } = await listSqlMigrations(source.dir, source.layout, files).catch(() => ({ layout: source.layout ?? "plain" }));
  return { format: layout, dir: source.dir, existing: await files.list(source.dir) };
}

async function runnerFor(
  config: PgvcConfig,
  files: RepoFiles,
  source: SourceConfig,
  target: Target,
  planned: PlannedFile[],
  dbUrl: string,
  name: string,
): Promise<DirectionRunner> {
  if (source.kind === "sql") return sqlRunner(source, files, planned, dbUrl);
  const next = nextDjangoMigration(
    target.existing.map((p) => p.slice(target.dir.length + 1)),
    migrationSlug(name),
  );
  return djangoRunner(source, config.root, target.app as string, next.name, next.previous, dbUrl);
}

function chooseSource(config: PgvcConfig, wanted: string | undefined): SourceConfig {
  const sources = config.migrations;
  const label = (s: SourceConfig, i: number) => s.name ?? (s.kind === "sql" ? s.dir : `#${i + 1}`);
  if (wanted !== undefined) {
    const found = sources.find((s, i) => s.name === wanted || String(i + 1) === wanted || (s.kind === "sql" && s.dir === wanted));
    if (found) return found;
    throw new UsageError(`no migration source ${JSON.stringify(wanted)} in ${config.file}`, {
      hints: [`sources: ${sources.map(label).join(", ")}`],
    });
  }
  if (sources.length === 1) return sources[0] as SourceConfig;
  throw new UsageError(`${config.file} names ${sources.length} migration sources: say which one gets the new migration with --source`, {
    hints: [`sources: ${sources.map(label).join(", ")}`],
  });
}

async function writeFiles(root: string, planned: readonly PlannedFile[]): Promise<string[]> {
  for (const file of planned) {
    const path = join(root, ...file.path.split("/"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  return planned.map((f) => f.path);
}

async function removeFiles(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) await rm(join(root, ...path.split("/")), { force: true });
}
