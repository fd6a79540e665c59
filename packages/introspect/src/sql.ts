import type { ResolvedFilter, NameList } from "./filter.js";
import type { CatalogDialect } from "./versions.js";

/** Bound parameters of one query: `add` returns the placeholder (`$3`). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What a kind's query may depend on: the server's dialect and the filters. */
export interface QueryContext {
  readonly dialect: CatalogDialect;
  readonly filter: ResolvedFilter;
}

export interface KindQuery {
  text: string;
  params: unknown[];
}

/** Schemas that are never user objects. */
export const systemSchemaCondition = (nsp: string) =>
  `${nsp}.nspname NOT IN ('pg_catalog', 'information_schema') AND ${nsp}.nspname !~ '^pg_(toast|temp_)'`;

/** System schemas excluded, then -n / -N. */
export function schemaCondition(nsp: string, ctx: QueryContext, params: SqlParams): string {
  const parts = [systemSchemaCondition(nsp)];
  if (ctx.filter.schemas.length > 0) parts.push(`${nsp}.nspname = ANY(${params.add(ctx.filter.schemas)}::text[])`);
  if (ctx.filter.excludeSchemas.length > 0) parts.push(`${nsp}.nspname <> ALL(${params.add(ctx.filter.excludeSchemas)}::text[])`);
  return parts.join(" AND ");
}

function nameMatch(nsp: string, rel: string, names: NameList, params: SqlParams): string {
  const alternatives: string[] = [];
  if (names.qualified.length > 0)
    alternatives.push(`(${nsp}.nspname || '.' || ${rel}.relname) = ANY(${params.add(names.qualified)}::text[])`);
  if (names.bare.length > 0) alternatives.push(`${rel}.relname = ANY(${params.add(names.bare)}::text[])`);
  return alternatives.length === 0 ? "false" : `(${alternatives.join(" OR ")})`;
}

/**
 * -t / -T on a relation `rel` in schema `nsp`. `owner`, when given, is a
 * second relation/schema alias pair (the table that owns a sequence): the
 * sequence follows it.
 */
export function relationCondition(
  nsp: string,
  rel: string,
  ctx: QueryContext,
  params: SqlParams,
  owner?: { nsp: string; rel: string },
): string {
  const parts: string[] = [];
  const { tables, excludeTables, relationsOnly } = ctx.filter;
  if (relationsOnly) {
    const own = owner ? ` OR (${owner.rel}.oid IS NOT NULL AND ${nameMatch(owner.nsp, owner.rel, tables, params)})` : "";
    parts.push(`(${nameMatch(nsp, rel, tables, params)}${own})`);
  }
  if (excludeTables.qualified.length + excludeTables.bare.length > 0) {
    parts.push(`NOT ${nameMatch(nsp, rel, excludeTables, params)}`);
    if (owner) parts.push(`NOT (${owner.rel}.oid IS NOT NULL AND ${nameMatch(owner.nsp, owner.rel, excludeTables, params)})`);
  }
  return parts.length === 0 ? "true" : parts.join(" AND ");
}

/** The object is not a member of an extension. */
export function notExtensionMember(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND e.objid = ${oid} AND e.deptype = 'e')`;
}

/**
 * The comment on an object as a LEFT JOIN giving `alias.description`: one
 * probe of pg_description's index per row. A plain join would be planned
 * from the catalog's statistics, and in a database whose catalogs were
 * just filled and not yet analyzed the planner expects a handful of
 * comments and rescans them all for every row (minutes at 10,000 tables).
 */
export function descriptionJoin(alias: string, catalog: string, oid: string, subid = "0"): string {
  return lookupJoin(
    alias,
    `SELECT ${alias}_c.description FROM pg_catalog.pg_description ${alias}_c
      WHERE ${alias}_c.objoid = ${oid} AND ${alias}_c.classoid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND ${alias}_c.objsubid = ${subid}`,
  );
}

/**
 * A LEFT JOIN of `select` (which refers to the outer row) run once per
 * outer row, so that it is always an index lookup whatever the planner
 * believes about the catalog's size (see descriptionJoin). OFFSET 0 keeps
 * the planner from merging it into an ordinary join.
 */
export function lookupJoin(alias: string, select: string): string {
  return `LEFT JOIN LATERAL (${select} OFFSET 0) ${alias} ON true`;
}
