import { qualifiedName, quoteIdent, quoteLiteral } from "@pgvc/core";

/**
 * Shared SQL helpers. Names from the model reach SQL only through these
 * (which quote with @pgvc/core); expressions and type names are SQL text
 * already (the server's own rendering, or hand-written YAML) and pass as is.
 */
export { qualifiedName, quoteIdent, quoteLiteral };

export const ident = quoteIdent;
export const literal = quoteLiteral;

export function qname(schema: string | undefined, name: string): string {
  return qualifiedName(schema, name);
}

/** A comma-separated list of quoted identifiers. */
export function identList(names: readonly string[]): string {
  return names.map(quoteIdent).join(", ");
}

/**
 * Split a possibly qualified name as the model writes it (`app.orders`,
 * `orders`, `"My Schema".t`) into schema and name.
 */
export function splitQualified(text: string, defaultSchema?: string): { schema: string | undefined; name: string } {
  const parts = splitDotted(text);
  if (parts.length >= 2) return { schema: parts[0], name: parts.slice(1).join(".") };
  return { schema: defaultSchema, name: parts[0] ?? text };
}

/** Split on dots outside double quotes, unquoting each part. */
export function splitDotted(text: string): string[] {
  // No quotes (the usual case): every dot separates.
  if (!text.includes('"')) return text.split(".");
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === "." && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** `ALTER TABLE app.t ` + one action, the form used for every table change. */
export function alterTable(schema: string | undefined, table: string, action: string): string {
  return `ALTER TABLE ${qname(schema, table)} ${action}`;
}
