import type { Queryable } from "@pgvc/core";
import {
  diffSchemas,
  keepUndescribed,
  keptWarning,
  namedAttributes,
  normalizeThroughServer,
  oldnameHints,
  parsedExpressions,
  sameSchema,
  unmadeObjects,
  type DiffOptions,
  type RenameHint,
  type Statement,
} from "@pgvc/diff";
import type { IntrospectionOptions } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";

/**
 * The statements that turn the database the migrations build (`built`)
 * into what the schema file describes (`target`), as yamltodb compares a
 * database with a YAML file: semantically, owners and privileges only
 * when the file names them, expressions by parse tree. With `session` (a
 * connection to the replayed database) a non-empty result is settled
 * through the server, so that an expression written another way in the
 * file is not a difference.
 */
export async function compareModels(
  built: Database,
  target: Database,
  options: { introspection: IntrospectionOptions; session?: Queryable | undefined; renames?: RenameHint[] | undefined },
): Promise<Statement[]> {
  // A schema file in Pyrseas's dialect leaves alone what it cannot describe, as yamltodb does.
  target = keepUndescribed(target, built).target;
  if (sameSchema(built, target)) return [];
  const schemas = options.introspection.schemas ?? [];
  const diffOptions: DiffOptions = {
    expressions: await parsedExpressions(),
    ...(schemas.length ? { schemas: [...schemas] } : {}),
    ...(options.renames?.length ? { renames: options.renames } : {}),
  };
  const first = diffSchemas(built, target, diffOptions);
  if (first.length === 0 || options.session === undefined) return first;
  let rendered: Database;
  try {
    rendered = await normalizeThroughServer(options.session, first, { introspection: options.introspection });
  } catch {
    // The file's change does not apply to this database: the first answer stands.
    return first;
  }
  // The rendering lacks what the change was to make (PostgreSQL took it for another object): the first answer stands.
  if (unmadeObjects(target, rendered, schemas)) return first;
  return diffSchemas(built, rendered, {
    ...diffOptions,
    renames: [...oldnameHints(target), ...(options.renames ?? [])],
    ...namedAttributes(target),
  });
}

/**
 * The warning yamltodb prints for the same file against the same database:
 * a schema file in Pyrseas's dialect cannot describe some features of the
 * database the migrations build, which the comparison leaves alone.
 */
export function dialectWarning(built: Database, target: Database): string | undefined {
  return keptWarning(keepUndescribed(target, built).kept);
}
