import { connect } from "@pgvc/core";
import { resolveConnection } from "@pgvc/core";
import { execute } from "@pgvc/testkit";
import { introspect, type IntrospectionOptions } from "@pgvc/introspect";
import type { Database, Schema } from "@pgvc/model";

/** Introspect the database at `url` over one session. */
export async function introspectUrl(url: string, options: IntrospectionOptions = {}): Promise<Database> {
  const session = await connect(resolveConnection({ dbname: url }, {}));
  try {
    return await introspect(session, options);
  } finally {
    await session.close();
  }
}

/** Build a schema named `schema` with `sql` and return its model (only that schema read). */
export async function schemaFrom(url: string, schema: string, sql: string, options: IntrospectionOptions = {}): Promise<Schema> {
  await execute(url, `CREATE SCHEMA ${schema}; SET search_path = ${schema}, public; ${sql}`);
  const db = await introspectUrl(url, { schemas: [schema], ...options });
  const found = db.schemas[schema];
  if (!found) throw new Error(`schema ${schema} missing from the model`);
  return found;
}

export async function serverVersionNum(url: string): Promise<number> {
  const [result] = await execute(url, "SELECT pg_catalog.current_setting('server_version_num')::int AS v");
  return (result?.rows[0] as { v: number }).v;
}
