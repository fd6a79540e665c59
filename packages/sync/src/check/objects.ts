import { modelItems, namedAttributes, type Item, type Statement } from "@pgvc/diff";
import { schemaKindByYaml, topKindByYaml, type Database } from "@pgvc/model";
import { writeSchemaYaml } from "@pgvc/yaml";

/** A YAML entry (a table with its columns, a view, a schema's attributes) that a difference touches. */
export interface DifferingObject {
  /** `table app.orders`, `schema app`, `extension hstore`. */
  ref: string;
  /** Its canonical YAML in the schema file, and as the migrations build it; "" where absent. */
  inSchemaFile: string;
  fromMigrations: string;
}

/** Every item of a model by reference. */
export function itemsByRef(db: Database): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const item of modelItems(db)) items.set(item.ref, item);
  return items;
}

/** The YAML entry holding the object a statement is about: its table for a column, and so on up. */
export function entryOf(ref: string, built: Map<string, Item>, target: Map<string, Item>): Item | undefined {
  let item = target.get(ref) ?? built.get(ref);
  while (item?.parent !== undefined && !item.parent.startsWith("schema ")) {
    const parent = target.get(item.parent) ?? built.get(item.parent);
    if (parent === undefined) break;
    item = parent;
  }
  return item;
}

/**
 * The entries the statements touch, each rendered as canonical YAML on
 * both sides (owners and privileges left out where the file names none,
 * as the comparison leaves them out), in the statements' order.
 */
export function differingObjects(
  statements: readonly Statement[],
  target: Database,
  builtItems: Map<string, Item>,
  targetItems: Map<string, Item>,
): DifferingObject[] {
  const named = namedAttributes(target);
  const seen = new Map<string, DifferingObject>();
  for (const statement of statements) {
    const entry = entryOf(statement.object, builtItems, targetItems);
    if (entry === undefined || seen.has(entry.ref)) continue;
    seen.set(entry.ref, {
      ref: entry.ref,
      inSchemaFile: render(targetItems.get(entry.ref), named),
      fromMigrations: render(builtItems.get(entry.ref), named),
    });
  }
  return [...seen.values()];
}

function render(item: Item | undefined, named: { owners: boolean; privileges: boolean }): string {
  if (item === undefined) return "";
  const value = strip(structuredClone(item.value), named);
  const db: Database = { schemas: {} };
  if (item.kind === "schema") db.schemas[item.name] = value as Database["schemas"][string];
  else if (item.schema !== undefined && schemaKindByYaml.has(item.kind)) {
    const field = schemaKindByYaml.get(item.kind)!.field;
    db.schemas[item.schema] = { [field]: { [item.name]: value } };
  } else if (topKindByYaml.has(item.kind)) {
    const field = topKindByYaml.get(item.kind)!.field;
    (db as Record<string, unknown>)[field] = { [item.name]: value };
  } else return "";
  return writeSchemaYaml(db);
}

/** Leave out what the comparison does not look at: owners (strings) and privileges (lists). */
function strip(value: unknown, named: { owners: boolean; privileges: boolean }): unknown {
  if (Array.isArray(value)) return value.map((v) => strip(v, named));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "owner" && typeof v === "string" && !named.owners) continue;
    if (key === "privileges" && Array.isArray(v) && !named.privileges) continue;
    out[key] = strip(v, named);
  }
  return out;
}
