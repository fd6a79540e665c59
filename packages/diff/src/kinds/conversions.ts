import type { Conversion, Database } from "@pgvc/model";
import type { AlterResult, DiffScope, KindDiffer, SqlTarget } from "../differ.js";
import { sameAttributes } from "../compare.js";
import { ident, literal, qname } from "../render.js";
import { statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { withoutCatalogPrefix } from "./objectnames.js";

/** Conversions: `conversion app.latin_to_utf`. Only renamed or re-owned in place; any other change drops and creates. */
export const conversionDiffer: KindDiffer<Conversion> = {
  kind: "conversion",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items: (db: Database, scope: DiffScope) => schemaObjects<Conversion>(scope, db, "conversions", "conversion"),
  create(item) {
    const c = item.value;
    const sql = `CREATE ${c.default ? "DEFAULT " : ""}CONVERSION ${qname(item.schema, item.name)} FOR ${literal(c.source_encoding)} TO ${literal(c.dest_encoding)} FROM ${c.function}`;
    return [statement("create", item.ref, sql, "main")];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP CONVERSION ${qname(item.schema, item.name)}`, "drop")];
  },
  alter(from, to): AlterResult {
    return sameAttributes(withoutCatalogPrefix(from.value), withoutCatalogPrefix(to.value), { defaults: { default: false } })
      ? []
      : { rebuild: "a conversion's definition cannot be altered" };
  },
  rename(from, to) {
    return [statement("rename", to.ref, `ALTER CONVERSION ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },
  target(item): SqlTarget {
    const name = `CONVERSION ${qname(item.schema, item.name)}`;
    return { comment: name, owner: name };
  },
};
