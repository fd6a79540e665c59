import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { namedAttributes } from "@pgvc/diff";
import type { Database } from "@pgvc/model";
import { readMultipleFiles, readSchemaYaml } from "@pgvc/yaml";

/**
 * `no_owner` and `no_privileges` as the team's dbtoyaml line evidently
 * used them: a schema file that names no owner was written with
 * --no-owner, one that names no privileges with --no-privileges; one
 * without the public schema with -n and the schemas it holds.
 */
export async function inferIntrospect(
  root: string,
  schema: string,
): Promise<{ noOwner: boolean; noPrivileges: boolean; schemas: string[] }> {
  const db = await readSchema(root, schema);
  const { owners, privileges } = namedAttributes(db);
  // dbtoyaml always writes the public schema unless -n named others: then
  // the same -n list keeps tables such as django_migrations out of the check.
  const named = Object.keys(db.schemas).sort();
  return { noOwner: !owners, noPrivileges: !privileges, schemas: named.length > 0 && !named.includes("public") ? named : [] };
}

async function readSchema(root: string, schema: string): Promise<Database> {
  const path = join(root, schema);
  if ((await stat(path)).isDirectory()) return readMultipleFiles(path);
  return readSchemaYaml(await readFile(path, "utf8"), schema);
}
