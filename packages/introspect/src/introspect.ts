import { DatabaseError, toDatabaseError, type Queryable } from "@pgvc/core";
import { emptyDatabase, type Database } from "@pgvc/model";
import { applyDependencies, dependenciesQuery } from "./dependencies.js";
import { resolveFilter, type IntrospectFilter } from "./filter.js";
import { ApplyContext, type IntrospectionKind, type IntrospectOptions } from "./framework.js";
import { allKinds } from "./kinds/index.js";
import type { KindQuery, QueryContext } from "./sql.js";
import { catalogDialect, oldestSupported } from "./versions.js";

export interface IntrospectionOptions extends IntrospectOptions, IntrospectFilter {
  /** Read `db.dependencies` (default true; dbtoyaml does not need them). */
  dependencies?: boolean | undefined;
  /** The kinds to read (default: all of them); for tests and tools that need few. */
  kinds?: readonly IntrospectionKind[] | undefined;
  /**
   * Called once every connection has a catalog query running: the caller
   * may then do work of its own (read a YAML file) while the server answers.
   */
  onQueriesSent?: (() => void) | undefined;
  /**
   * lock_timeout for the snapshot's sessions (`readSnapshot`), e.g. `5s`; `0`
   * waits forever, unset keeps the server's. A catalog read waits behind a
   * table's ACCESS EXCLUSIVE lock (an ALTER TABLE in progress).
   */
  lockTimeout?: string | undefined;
}

interface Setup {
  version: string;
  old_search_path: string;
}

/**
 * Read a live database into the model. `connections` is one connection
 * (a session or a client, not a pool), or several that see the same
 * snapshot (dbtoyaml exports one): the queries are then spread over them
 * and run in parallel. Introspection sets each connection's search_path
 * to `pg_catalog` alone for the duration, so that every name outside
 * pg_catalog comes out schema-qualified and built-in types bare whatever
 * the session's own path was, and restores it afterwards. Run it inside
 * a REPEATABLE READ transaction for a consistent snapshot under
 * concurrent DDL (dbtoyaml does).
 */
export async function introspect(connections: Queryable | readonly Queryable[], options: IntrospectionOptions = {}): Promise<Database> {
  const lanes: readonly Queryable[] = Array.isArray(connections) ? connections : [connections as Queryable];
  if (lanes.length === 0) throw new TypeError("introspect needs at least one connection");
  return withCatalogPath(lanes, (version) => readAll(lanes, version, options));
}

/**
 * Read `db.dependencies` alone over `connection`, as `introspect` reads
 * them (run it in the same snapshot for the same database state). For a
 * caller that read the rest first with `dependencies: false`.
 */
export async function readDependencies(connection: Queryable, db: Database): Promise<void> {
  await withCatalogPath([connection], async () => {
    const query = dependenciesQuery();
    let rows: { source: string; target: string }[];
    try {
      rows = (await connection.query<{ source: string; target: string }>(query.text, query.params)).rows;
    } catch (error) {
      throw toDatabaseError(error, query.text, "reading dependencies from the catalog");
    }
    applyDependencies(rows, db);
  });
}

/** Run `work` with each connection's search_path set to pg_catalog alone, then restore it. */
async function withCatalogPath<T>(lanes: readonly Queryable[], work: (serverVersionNum: number) => Promise<T>): Promise<T> {
  const setups = await Promise.all(lanes.map(async (lane) => (await lane.query<Setup>(setupQuery)).rows[0] as Setup));
  try {
    return await work(Number(setups[0]?.version));
  } finally {
    // In an aborted transaction this fails; the rollback restores the path anyway.
    await Promise.all(
      lanes.map((lane, i) =>
        lane.query("SELECT pg_catalog.set_config('search_path', $1, false)", [setups[i]?.old_search_path]).catch(() => undefined),
      ),
    );
  }
}

const setupQuery = `SELECT s.version, s.old_search_path, pg_catalog.set_config('search_path', 'pg_catalog', false)
       FROM (SELECT pg_catalog.current_setting('server_version_num') AS version,
                    pg_catalog.current_setting('search_path') AS old_search_path OFFSET 0) s`;

interface Job {
  name: string;
  cost: number;
  query: KindQuery;
}

/**
 * Run every job, each connection taking its share in turn (the costliest
 * first, each to the least loaded connection). One statement at a time per
 * connection: node-postgres would only queue more. `deliver` gets each
 * job's rows as they arrive.
 */
async function runJobs(
  lanes: readonly Queryable[],
  jobs: readonly Job[],
  deliver: (i: number, rows: Record<string, unknown>[]) => void,
): Promise<void> {
  const queues: number[][] = lanes.map(() => []);
  const load = lanes.map(() => 0);
  const order = jobs.map((_, i) => i).sort((a, b) => (jobs[b]?.cost ?? 0) - (jobs[a]?.cost ?? 0));
  for (const i of order) {
    const lane = load.indexOf(Math.min(...load));
    queues[lane]?.push(i);
    load[lane] = (load[lane] ?? 0) + (jobs[i]?.cost ?? 1);
  }
  await Promise.all(
    queues.map(async (queue, lane) => {
      for (const i of queue) {
        const job = jobs[i] as Job;
        let rows: Record<string, unknown>[];
        try {
          rows = (await (lanes[lane] as Queryable).query(job.query.text, job.query.params)).rows;
        } catch (error) {
          throw toDatabaseError(error, job.query.text, `reading ${job.name} from the catalog`);
        }
        deliver(i, rows);
      }
    }),
  );
}

async function readAll(lanes: readonly Queryable[], serverVersionNum: number, options: IntrospectionOptions): Promise<Database> {
  if (serverVersionNum < oldestSupported) {
    throw new DatabaseError(`PostgreSQL ${Math.floor(serverVersionNum / 10000)} is not supported`, {
      hints: ["pgvc reads PostgreSQL 14 to 18"],
    });
  }
  const filter = resolveFilter(options);
  const ctx: QueryContext = { dialect: catalogDialect(serverVersionNum), filter };
  const narrowed = filter.schemas.length + filter.excludeSchemas.length > 0 || filter.relationsOnly;
  const kinds = (options.kinds ?? allKinds).filter(
    (kind) => !(kind.scope === "database" && narrowed) && !(kind.scope === "schema" && filter.relationsOnly),
  );
  const jobs: Job[] = kinds.map((kind) => ({ name: kind.name, cost: kind.cost ?? 1, query: kind.query(ctx) }));
  if (options.dependencies !== false) jobs.push({ name: "dependencies", cost: 3, query: dependenciesQuery() });
  const db = emptyDatabase();
  db.serverVersionNum = serverVersionNum;
  const applyCtx = new ApplyContext(ctx.dialect, options, filter);
  // Rows are applied in the kinds' order as soon as they and all before
  // them have arrived, then dropped: the rows of every kind are never all
  // in memory at once.
  const waiting = new Map<number, Record<string, unknown>[]>();
  let next = 0;
  const running = runJobs(lanes, jobs, (i, rows) => {
    waiting.set(i, rows);
    for (let ready = waiting.get(next); ready; ready = waiting.get(next)) {
      waiting.delete(next);
      const kind = kinds[next];
      if (kind) kind.apply(ready, db, applyCtx);
      else applyDependencies(ready as unknown as { source: string; target: string }[], db);
      next++;
    }
  });
  options.onQueriesSent?.();
  await running;
  return db;
}
