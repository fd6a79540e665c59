import type { Database, Extension } from "@pgvc/model";
import type { AlterResult, Item, KindDiffer, SqlTarget } from "../differ.js";
import { ident, literal } from "../render.js";
import { statement, type Statement } from "../statement.js";

/** Installed with every database and needed by plpgsql functions: never created or dropped. */
const builtIn = new Set(["plpgsql"]);

/**
 * Extensions: `extension pg_trgm`. CREATE EXTENSION brings every object
 * of the extension (none of which is in the model); a new version is
 * ALTER EXTENSION ... UPDATE TO, a new schema SET SCHEMA. Objects that use
 * an extension's types or operators are dropped before it (the model's
 * recorded dependencies name `extension X`).
 */
export const extensionDiffer: KindDiffer<Extension> = {
  kind: "extension",

  items(db: Database): Item<Extension>[] {
    const extensions = db.extensions ?? {};
    return Object.keys(extensions)
      .sort()
      .map((name) => ({ ref: `extension ${name}`, kind: "extension", name, value: extensions[name] as Extension }));
  },

  create(item) {
    if (builtIn.has(item.name)) return [];
    const e = item.value;
    const schema = e.schema ? ` SCHEMA ${ident(e.schema)}` : "";
    const version = e.version ? ` VERSION ${literal(e.version)}` : "";
    return [statement("create", item.ref, `CREATE EXTENSION ${ident(item.name)}${schema}${version}`, "main")];
  },

  drop(item) {
    if (builtIn.has(item.name)) return [];
    return [statement("drop", item.ref, `DROP EXTENSION ${ident(item.name)}`, "drop")];
  },

  alter(from, to): AlterResult {
    const out: Statement[] = [];
    const name = ident(to.name);
    if (to.value.version !== undefined && from.value.version !== to.value.version) {
      out.push(statement("alter", to.ref, `ALTER EXTENSION ${name} UPDATE TO ${literal(to.value.version)}`, "main"));
    }
    if (to.value.schema !== undefined && from.value.schema !== to.value.schema) {
      out.push(statement("alter", to.ref, `ALTER EXTENSION ${name} SET SCHEMA ${ident(to.value.schema)}`, "main"));
    }
    return out;
  },

  // ALTER EXTENSION has no OWNER TO: the owner is whoever created it.
  target(item): SqlTarget {
    return { comment: `EXTENSION ${ident(item.name)}` };
  },

  dependencies(item) {
    return item.value.schema ? [`schema ${item.value.schema}`] : [];
  },
};
