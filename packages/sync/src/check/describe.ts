import type { Item, Statement } from "@pgvc/diff";
import { parseRef } from "@pgvc/model";
import { entryOf } from "./objects.js";

/** A difference in words, and which side has to change for the two to agree. */
export interface Difference {
  /** The object as the diff names it: `column app.orders.note`. */
  object: string;
  /** Where it is in schema.yaml: `table app.orders`. */
  entry: string;
  /** `missing-from-migrations`: only the schema file has it; `missing-from-schema`: only the migrations make it. */
  change: "missing-from-migrations" | "missing-from-schema" | "differs";
  description: string;
}

const attribute: Partial<Record<Statement["kind"], string>> = {
  comment: "the comment",
  owner: "the owner",
  grant: "the privileges",
  revoke: "the privileges",
  rename: "the name",
};

/**
 * Each statement of the forward diff (migrations' database → schema file)
 * as a sentence: `table app.orders: column note is in schema.yaml but no
 * migration makes it`. One sentence per object and change.
 */
export function describeDifferences(
  statements: readonly Statement[],
  schemaFile: string,
  built: Map<string, Item>,
  target: Map<string, Item>,
): Difference[] {
  const out = new Map<string, Difference>();
  for (const statement of statements) {
    const entry = entryOf(statement.object, built, target)?.ref ?? statement.object;
    const change =
      statement.kind === "create" && !built.has(statement.object)
        ? "missing-from-migrations"
        : statement.kind === "drop" && !target.has(statement.object)
          ? "missing-from-schema"
          : "differs";
    const key = `${statement.object}\u0000${change}`;
    if (out.has(key)) continue;
    const child = entry === statement.object ? undefined : childName(statement.object);
    out.set(key, {
      object: statement.object,
      entry,
      change,
      description: sentence(entry, child, change, attribute[statement.kind], schemaFile),
    });
  }
  return [...out.values()];
}

function sentence(
  entry: string,
  child: string | undefined,
  change: Difference["change"],
  what: string | undefined,
  schemaFile: string,
): string {
  const subject = child === undefined ? `${entry}` : `${entry}: ${child}`;
  switch (change) {
    case "missing-from-migrations":
      return `${subject} is in ${schemaFile} but no migration makes it`;
    case "missing-from-schema":
      return `${subject} is made by the migrations but is not in ${schemaFile}`;
    case "differs": {
      const thing =
        what === undefined ? (child === undefined ? entry : subject) : `${entry}: ${what}${child === undefined ? "" : ` of ${child}`}`;
      return `${thing} differs between ${schemaFile} and the migrations`;
    }
  }
}

/** `column app.orders.note` → `column note`; `index app.orders_idx` → `index orders_idx`. */
function childName(ref: string): string {
  try {
    const parsed = parseRef(ref);
    return `${parsed.kind} ${parsed.name}`;
  } catch {
    return ref;
  }
}
