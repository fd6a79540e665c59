import { DatabaseError, toDatabaseError, type Queryable } from "@pgvc/core";
import { emptyDatabase, type Database } from "@pgvc/model";
import { applyDependencies, dependenciesQuery } from "./dependencies.js";
import { resolveFilter, type IntrospectFilter } from "./filter.js";
import { ApplyContext, type IntrospectionKind, type IntrospectOptions } from "./framework.js";
import { allKinds } from "./kinds/index.js";
import type { QueryContext } from "./sql.js";
import { catalogDialect, oldestSupported } from "./versions.js";

export interface IntrospectionOptions extends IntrospectOptions, IntrospectFilter {
  /** Read `db.dependencies` (default true; dbtoyaml does not need them). */
  dependencies?: boolean | undefined;
  /** The kinds to read (default: all of them); for tests and tools that need few. */
  kinds?: readonly IntrospectionKind[] | undefined;
}

interface Setup {
  version: string;
  old_search_path: string;
}

/**
 * Read a live database into the model. `queryable` must be one connection
 * (a session or a client, not a pool): introspection sets its search_path
 * to `pg_catalog` alone for the duration, so that every name outside
 * pg_catalog comes out schema-qualified and built-in types bare whatever
 * the session's own path was, and restores it afterwards. Run it inside
 * a REPEATABLE READ transaction for a consistent snapshot under
 * concurrent DDL (dbtoyaml does).
 */
export async function introspect(queryable: Queryable, options: IntrospectionOptions = {}): Promise<Database> {
  const setup = await queryable.query<Setup>(
    `SELECT s.version, s.old_search_path, pg_catalog.set_config('search_path', 'pg_catalog', false)
       FROM (SELECT pg_catalog.current_setting('server_version_num') AS version,
                    pg_catalog.current_setting('search_path') AS old_search_path OFFSET 0) s`,
  );
  const row = setup.rows[0] as Setup;
  try {
    return await readAll(queryable, Number(row.version), options);
  } finally {
    // In an aborted transaction this fails; the rollback restores the path anyway.
    await queryable.query("SELECT pg_catalog.set_config('search_path', $1, false)", [row.old_search_path]).catch(() => undefined);
  }
}

async function readAll(queryable: Queryable, serverVersionNum: number, options: IntrospectionOptions): Promise<Database> {
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
  const run = async (name: string, query: { text: string; params: unknown[] }) => {
    try {
      return (await queryable.query(query.text, query.params)).rows;
    } catch (error) {
      throw toDatabaseError(error, query.text, `reading ${name} from the catalog`);
    }
  };
  // One set-based query per kind. node-postgres runs one statement at a
  // time per connection anyway, so sending them in turn costs no round trip
  // more than queueing them all at once (which it warns about).
  const results: Record<string, unknown>[][] = [];
  for (const kind of kinds) results.push(await run(kind.name, kind.query(ctx)));
  const dependencyRows = options.dependencies === false ? undefined : await run("dependencies", dependenciesQuery());
  const db = emptyDatabase();
  const applyCtx = new ApplyContext(ctx.dialect, options, filter);
  kinds.forEach((kind, i) => kind.apply(results[i] ?? [], db, applyCtx));
  if (dependencyRows) applyDependencies(dependencyRows as { source: string; target: string }[], db);
  return db;
}
