import type { Database } from "@pgvc/model";
import { itemRef } from "../kinds/common.js";
import type { Statement } from "../statement.js";

/**
 * A change that drops most of a database is more often a truncated or
 * wrong schema file than an intent. These warnings are printed whether or
 * not --hazards was asked for.
 */

/** Above this share of the database's tables dropped at once, the change is called out. */
export const droppedTablesShare = 0.5;
/** ... when the database has at least this many tables. */
const fewTables = 4;

/** Loud warnings about drops of whole schemas or most tables; empty when there are none. */
export function massDropWarnings(current: Database, statements: readonly Statement[]): string[] {
  const dropped = new Set(statements.filter((st) => st.kind === "drop").map((st) => st.object));
  if (dropped.size === 0) return [];
  const warnings: string[] = [];
  let tables = 0;
  let droppedTables = 0;
  for (const [schema, value] of Object.entries(current.schemas)) {
    const names = Object.keys(value.tables ?? {});
    const gone = names.filter((name) => dropped.has(itemRef("table", schema, name))).length;
    tables += names.length;
    droppedTables += gone;
    const held = objectsIn(value);
    if (dropped.has(itemRef("schema", schema)) && held > 0) {
      warnings.push(`this change drops schema ${schema} and everything in it (${held} objects, ${names.length} of them tables)`);
    } else if (names.length > 0 && gone === names.length) {
      warnings.push(`this change drops every table of schema ${schema} (${names.length})`);
    }
  }
  if (tables >= fewTables && droppedTables > tables * droppedTablesShare) {
    warnings.push(`this change drops ${droppedTables} of the database's ${tables} tables`);
  }
  if (warnings.length > 0)
    warnings.push("if the schema file is incomplete or truncated, stop here: the dropped tables and their data are gone once applied");
  return warnings;
}

/** How many objects a schema's model holds (its collections' entries). */
function objectsIn(schema: Record<string, unknown>): number {
  let count = 0;
  for (const value of Object.values(schema)) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) count += Object.keys(value).length;
  }
  return count;
}
