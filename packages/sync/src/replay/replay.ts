import pg from "pg";
import { toDatabaseError } from "@pgvc/core";
import { templateName } from "./keys.js";
import type { TemplateRegistry } from "./templates.js";
import type { ReplayServer, ReplayStep, ScratchDatabaseHandle, StepContext } from "./types.js";

export interface ReplayOptions {
  server: ReplayServer;
  registry?: TemplateRegistry | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((text: string) => void) | undefined;
}

export interface ReplayResult {
  db: ScratchDatabaseHandle;
  /**
   * Done with `db`: keep it as the template of the whole chain (renamed,
   * where the server keeps templates and has none for it yet) or drop it.
   */
  finish(): Promise<void>;
  /** Steps run in this replay. */
  replayed: number;
  /** Steps skipped because a template held their result. */
  fromTemplate: number;
}

/**
 * Build the state after every step in a scratch database: start from the
 * template of the longest prefix of the chain the server keeps, run the
 * rest, and keep the last two states as templates (a new migration, or
 * the newest one edited again, then replays one file): the one before
 * the last step as a copy, the last by renaming the database itself once
 * the caller is done with it (`finish`). On failure the database is
 * dropped and the error (a migration's) passes through.
 * `keys[k]` is the chain key after `k` steps.
 */
export async function replay(steps: readonly ReplayStep[], keys: readonly string[], options: ReplayOptions): Promise<ReplayResult> {
  const { server } = options;
  const start = server.keepsTemplates ? await longestKept(server, keys, steps.length) : 0;
  const db = await server.createDatabase(start > 0 ? templateName(keys[start] as string) : undefined);
  const context = new Context(db, options.signal);
  const kept: string[] = start > 0 ? [templateName(keys[start] as string)] : [];
  try {
    for (let i = start; i < steps.length; i++) {
      options.signal?.throwIfAborted();
      const step = steps[i] as ReplayStep;
      options.onProgress?.(`replaying ${i + 1}/${steps.length}: ${step.label}`);
      await step.apply(context);
      // The state before the last step, copied; the last state is adopted by finish().
      if (server.keepsTemplates && i + 1 === steps.length - 1) {
        await context.release();
        const name = templateName(keys[i + 1] as string);
        await server.keepAsTemplate(db, name);
        kept.push(name);
      }
    }
    await context.release();
  } catch (error) {
    await context.release().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw error;
  }
  const finish = async () => {
    const last = templateName(keys[steps.length] as string);
    const adopted = server.keepsTemplates && start < steps.length && (await server.adoptAsTemplate(db, last).catch(() => false));
    // After a rename this drops nothing, but tells the scratch server the database is gone.
    await db.drop();
    await rememberTemplates(options, adopted || start === steps.length ? [...kept, last] : kept);
  };
  return { db, finish, replayed: steps.length - start, fromTemplate: start };
}

async function longestKept(server: ReplayServer, keys: readonly string[], count: number): Promise<number> {
  const have = new Set(await server.listTemplates());
  for (let k = count; k > 0; k--) if (have.has(templateName(keys[k] as string))) return k;
  return 0;
}

async function rememberTemplates(options: ReplayOptions, kept: string[]): Promise<void> {
  if (!options.registry || !options.server.keepsTemplates) return;
  await options.registry.touch(kept);
  await options.registry.evict(options.server);
}

/** One connection for consecutive SQL steps, closed before a template is taken or a command runs. */
class Context implements StepContext {
  private open: Promise<pg.Client> | undefined;

  constructor(
    readonly db: ScratchDatabaseHandle,
    readonly signal: AbortSignal | undefined,
  ) {}

  client(): Promise<pg.Client> {
    this.open ??= (async () => {
      const client = new pg.Client({ connectionString: this.db.url });
      client.on("error", () => undefined);
      await client.connect().catch((error: unknown) => {
        throw toDatabaseError(error, undefined, `cannot connect to the scratch database ${this.db.name}`);
      });
      return client;
    })();
    return this.open;
  }

  async release(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    if (open) await (await open.catch(() => undefined))?.end().catch(() => undefined);
  }
}
