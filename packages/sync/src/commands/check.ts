import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connect, resolveConnection } from "@pgvc/core";
import { introspect, type IntrospectionOptions } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { cacheDirectory } from "@pgvc/scratch";
import { compareModels, dialectWarning } from "../check/compare.js";
import { describeDifferences } from "../check/describe.js";
import { differingObjects, itemsByRef } from "../check/objects.js";
import type { CheckResult } from "../check/result.js";
import { readSchemaModel, schemaContentHash, writeSchemaModel } from "../check/schema.js";
import { loadConfig } from "../config/load.js";
import type { PgvcConfig } from "../config/types.js";
import { checkoutIndex } from "../git/checkout.js";
import type { RepoFiles } from "../git/files.js";
import { stagedPaths } from "../git/run.js";
import { stagedFiles } from "../git/staged.js";
import { sweepTemporaryFolders } from "../git/temporary.js";
import { isConcerned } from "../check/concerned.js";
import { chainKeys, modelKey, sha256 } from "../replay/keys.js";
import { VerdictCache } from "../replay/verdicts.js";
import { ModelCache } from "../replay/model-cache.js";
import { replay } from "../replay/replay.js";
import { openReplayServer, serverIdentity } from "../replay/server.js";
import { buildSteps } from "../replay/steps.js";
import { TemplateRegistry } from "../replay/templates.js";
import { toSql, type Statement } from "@pgvc/diff";
import { MigrationFailure } from "../sources/index.js";
import { failureReport } from "../check/failure.js";

/**
 * The code that compares: a verdict of one build is not taken by another,
 * whose comparison may differ. The command runs from one bundle holding the
 * whole comparison, so its content names it exactly; the version number
 * alone would not change while the engine does.
 */
const version = createHash("sha256")
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest("hex")
  .slice(0, 16);

export interface CheckOptions {
  cwd?: string | undefined;
  /** `--config FILE`. */
  config?: string | undefined;
  /** Read the configuration, schema and migrations from git's index. */
  staged?: boolean | undefined;
  /** Rewrite the schema file from the migrations. */
  write?: boolean | undefined;
  /** Neither read nor keep cached models and templates. */
  noCache?: boolean | undefined;
  /** The cache folder, for the embedded cluster and the sync cache (default: @pgvc/scratch's cache directory). */
  cacheDir?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((text: string) => void) | undefined;
}

/**
 * The sync check: replay the migrations into a scratch database (from
 * the cache where it can), introspect it as the configuration says, and
 * compare it with the schema file. Out of sync and a failing migration
 * are results, not errors; a bad configuration or schema file throws an
 * InputError (exit 3).
 */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const staged = options.staged === true;
  const { config, files } = await loadConfig({
    cwd: options.cwd,
    file: options.config,
    schemaMayBeMissing: options.write,
    ...(staged ? { files: stagedFiles } : {}),
  });
  const cleanups: (() => Promise<void>)[] = [() => files.close()];
  try {
    const base: CheckResult = {
      status: "skipped",
      schema: config.schema,
      from: staged ? "index" : "worktree",
      migrations: 0,
      replayed: 0,
      fromTemplate: 0,
      modelFromCache: false,
      differences: [],
      objects: [],
      sql: "",
    };
    if (staged && !(await isConcerned(config, await stagedPaths(config.root)))) return base;
    await sweepTemporaryFolders();
    return await run(config, files, options, base, cleanups);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function run(
  config: PgvcConfig,
  files: RepoFiles,
  options: CheckOptions,
  base: CheckResult,
  cleanups: (() => Promise<void>)[],
): Promise<CheckResult> {
  const staged = options.staged === true;
  const schemaKind = await files.kind(config.schema);
  const steps = await buildSteps(config, files, {
    commandRoot: async () => {
      if (!staged) return config.root;
      const copy = await checkoutIndex(config.root);
      cleanups.push(copy.remove);
      return copy.dir;
    },
  });
  const introspection = introspectionOf(config);
  const cacheDir = join(options.cacheDir ?? cacheDirectory(), "sync");
  const useCache = options.noCache !== true;
  const models = new ModelCache(join(cacheDir, "models"));
  const progress = options.onProgress;
  let opened: Awaited<ReturnType<typeof openReplayServer>> | undefined;
  const open = async () => {
    if (opened) return opened;
    opened = await openReplayServer(config.scratch, { templates: useCache, cacheDir: options.cacheDir, progress, signal: options.signal });
    cleanups.push(opened.replay.close);
    return opened;
  };
  const identity = await serverIdentity(config.scratch, async () => (await open()).scratch.serverVersionNum);
  const keys = chainKeys(
    config,
    identity,
    steps.map((s) => s.contentHash),
  );
  const key = modelKey(keys[keys.length - 1] as string, config.introspect);
  const result: CheckResult = { ...base, migrations: steps.length };
  const verdicts = new VerdictCache(join(cacheDir, "verdicts"));
  const verdict = sha256(key, await schemaContentHash(config, files), version);
  if (useCache && !options.write && (await verdicts.inSync(verdict))) return { ...result, status: "in-sync", modelFromCache: true };
  // Read once, when first needed: after the replay has been started, so that the server copies while the YAML is parsed.
  let reading: Promise<Database> | undefined;
  const target = () => (reading ??= readSchemaModel(config, files, staged));
  const remember = async <T extends CheckResult>(done: T): Promise<T> => {
    if (useCache && done.status === "in-sync") await verdicts.remember(verdict);
    return done;
  };
  const cached = useCache ? await models.get(key) : undefined;
  if (cached) {
    const statements = await compareModels(cached, await target(), { introspection });
    if (statements.length === 0 || options.write)
      return remember(await finish(config, { ...result, modelFromCache: true }, cached, await target(), statements, options, schemaKind));
  }
  const server = (await open()).replay;
  const replaying = replay(steps, keys, {
    server,
    registry: useCache ? new TemplateRegistry(cacheDir, identity) : undefined,
    signal: options.signal,
    onProgress: progress,
  });
  // Settled here so that a failure while the YAML is read is not "unhandled"; awaited below.
  const settled = replaying.then(
    (r) => ({ ok: true as const, r }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const schema = await target().catch(async (error: unknown) => {
    const outcome = await settled;
    if (outcome.ok) await outcome.r.db.drop().catch(() => undefined);
    throw error;
  });
  const outcome = await settled;
  if (!outcome.ok) {
    if (outcome.error instanceof MigrationFailure) return { ...result, status: "migration-failed", failure: failureReport(outcome.error) };
    throw outcome.error;
  }
  const replayed = outcome.r;
  let done = false;
  cleanups.push(() => (done ? Promise.resolve() : replayed.db.drop()));
  const session = await connect(resolveConnection({ dbname: replayed.db.url }));
  try {
    progress?.("reading the replayed database");
    const built = await introspect(session, introspection);
    if (useCache) await models.put(key, built);
    const statements = await compareModels(built, schema, { introspection, session });
    return await remember(
      await finish(
        config,
        { ...result, replayed: replayed.replayed, fromTemplate: replayed.fromTemplate },
        built,
        schema,
        statements,
        options,
        schemaKind,
      ),
    );
  } finally {
    await session.close();
    if (!options.signal?.aborted) {
      done = true;
      await replayed.finish();
    }
  }
}

async function finish(
  config: PgvcConfig,
  result: CheckResult,
  built: Database,
  target: Database,
  statements: Statement[],
  options: CheckOptions,
  schemaKind: "file" | "directory" | undefined,
): Promise<CheckResult> {
  const warning = options.write ? undefined : dialectWarning(built, target);
  if (warning !== undefined) result = { ...result, warnings: [warning] };
  if (options.write) {
    const written = statements.length === 0 ? [] : await writeSchemaModel(config, built, schemaKind);
    return { ...result, status: statements.length === 0 ? "in-sync" : "written", written };
  }
  if (statements.length === 0) return { ...result, status: "in-sync" };
  const builtItems = itemsByRef(built);
  const targetItems = itemsByRef(target);
  return {
    ...result,
    status: "out-of-sync",
    differences: describeDifferences(statements, config.schema, builtItems, targetItems),
    objects: differingObjects(statements, target, builtItems, targetItems),
    sql: toSql(statements),
  };
}

/** The introspection options the configuration names (dbtoyaml's -n, -N, -O, -x). */
export function introspectionOf(config: PgvcConfig): IntrospectionOptions {
  const { schemas, excludeSchemas, noOwner, noPrivileges } = config.introspect;
  return { schemas, excludeSchemas, noOwner, noPrivileges };
}
