/**
 * Which objects to read: the -n/-N/-t/-T filters of dbtoyaml. They become
 * SQL conditions with bound array parameters, so the server returns only
 * what was asked for.
 */
export interface IntrospectFilter {
  /** Only these schemas (-n). */
  schemas?: readonly string[] | undefined;
  /** Not these schemas (-N). */
  excludeSchemas?: readonly string[] | undefined;
  /** Only these relations (-t): `app.orders` or `orders` (any schema). */
  tables?: readonly string[] | undefined;
  /** Not these relations (-T). */
  excludeTables?: readonly string[] | undefined;
}

/** Relation names split into schema-qualified ones and bare ones. */
export interface NameList {
  qualified: string[];
  bare: string[];
}

export interface ResolvedFilter {
  schemas: string[];
  excludeSchemas: string[];
  tables: NameList;
  excludeTables: NameList;
  /** -t was given: only relations (and their schemas, owned sequences and children) are read. */
  relationsOnly: boolean;
}

/** `app.orders` → qualified `app.orders`; `"My.T"` → bare `My.T`; quotes removed. */
export function splitTableNames(names: readonly string[]): NameList {
  const list: NameList = { qualified: [], bare: [] };
  for (const name of names) {
    const parts = splitQualified(name);
    if (parts.length >= 2) list.qualified.push(`${parts[0]}.${parts.slice(1).join(".")}`);
    else list.bare.push(parts[0] ?? name);
  }
  return list;
}

function splitQualified(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === "." && !quoted && parts.length === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function resolveFilter(filter: IntrospectFilter): ResolvedFilter {
  const tables = splitTableNames(filter.tables ?? []);
  return {
    schemas: [...(filter.schemas ?? [])],
    excludeSchemas: [...(filter.excludeSchemas ?? [])],
    tables,
    excludeTables: splitTableNames(filter.excludeTables ?? []),
    relationsOnly: tables.qualified.length + tables.bare.length > 0,
  };
}
