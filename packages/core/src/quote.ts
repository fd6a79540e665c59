import { isQuotingKeyword } from "./keywords.js";

// The same test as the server's quote_ident(): `$` is allowed bare in SQL but quoted there.
const plainIdentifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Quote an SQL identifier when PostgreSQL would not read it back unchanged:
 * upper case, special characters, or a keyword. Embedded quotes are doubled.
 * This is the only place identifiers become SQL text.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new TypeError("an SQL identifier cannot be empty");
  if (plainIdentifier.test(name) && !isQuotingKeyword(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export function qualifiedName(schema: string | undefined, name: string): string {
  return schema === undefined ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * Quote a string literal. Embedded single quotes are doubled; a value with a
 * backslash becomes an E'' literal with backslashes doubled, so the result
 * means the same whatever standard_conforming_strings says.
 */
export function quoteLiteral(value: string): string {
  const body = value.replaceAll("'", "''");
  if (!value.includes("\\")) return `'${body}'`;
  return `E'${body.replaceAll("\\", "\\\\")}'`;
}
