import type { Database } from "@pgvc/model";
import type { Item, KindDiffer } from "../differ.js";
import { ident } from "../render.js";
import { statement } from "../statement.js";

interface SchemaValue {
  owner?: string;
  description?: string;
  privileges?: unknown;
  oldname?: string;
}

/** `schema NAME`: its own attributes; its objects are other kinds' items. */
export const schemaDiffer: KindDiffer<SchemaValue> = {
  kind: "schema",

  items(db: Database): Item<SchemaValue>[] {
    return Object.keys(db.schemas)
      .sort()
      .map((name) => {
        const s = db.schemas[name] ?? {};
        const value: SchemaValue = { owner: s.owner, description: s.description, privileges: s.privileges, oldname: s.oldname };
        return { ref: `schema ${name}`, kind: "schema", name, value };
      });
  },

  create(item) {
    return [statement("create", item.ref, `CREATE SCHEMA ${ident(item.name)}`, "main")];
  },

  drop(item) {
    // `public` comes with every database; a model without it does not mean "drop it".
    if (item.name === "public") return [];
    return [statement("drop", item.ref, `DROP SCHEMA ${ident(item.name)}`, "drop", { hazards: ["data-loss"] })];
  },

  alter() {
    return [];
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER SCHEMA ${ident(from.name)} RENAME TO ${ident(to.name)}`, "rename", { provides: [to.ref] })];
  },

  target(item) {
    const name = `SCHEMA ${ident(item.name)}`;
    return { comment: name, grant: name, owner: name, privilegeType: "schema" };
  },
};
