import type { Collation, Database } from "@pgvc/model";
import type { AlterResult, DiffScope, KindDiffer, SqlTarget } from "../differ.js";
import { sameAttributes } from "../compare.js";
import { ident, literal, qname } from "../render.js";
import { statement } from "../statement.js";
import { schemaObjects } from "./common.js";

const defaults = { provider: "libc", deterministic: true };

/** Collations: `collation app.ci`. There is no ALTER for their definition: a change drops and creates. */
export const collationDiffer: KindDiffer<Collation> = {
  kind: "collation",
  items: (db: Database, scope: DiffScope) => schemaObjects<Collation>(scope, db, "collations", "collation"),
  create(item) {
    return [
      statement(
        "create",
        item.ref,
        `CREATE COLLATION ${qname(item.schema, item.name)} (${collationOptions(item.value).join(", ")})`,
        "main",
      ),
    ];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP COLLATION ${qname(item.schema, item.name)}`, "drop")];
  },
  alter(from, to): AlterResult {
    return sameAttributes(from.value, to.value, { defaults }) ? [] : { rebuild: "a collation's definition cannot be altered" };
  },
  rename(from, to) {
    return [statement("rename", to.ref, `ALTER COLLATION ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },
  target(item): SqlTarget {
    const name = `COLLATION ${qname(item.schema, item.name)}`;
    return { comment: name, owner: name };
  },
};

function collationOptions(c: Collation): string[] {
  const options: string[] = [];
  const provider = c.provider ?? "libc";
  if (provider !== "libc") options.push(`PROVIDER = ${provider}`);
  if (provider !== "libc" || c.lc_collate === c.lc_ctype) options.push(`LOCALE = ${literal(c.lc_collate ?? c.lc_ctype ?? "C")}`);
  else {
    if (c.lc_collate !== undefined) options.push(`LC_COLLATE = ${literal(c.lc_collate)}`);
    if (c.lc_ctype !== undefined) options.push(`LC_CTYPE = ${literal(c.lc_ctype)}`);
  }
  if (c.deterministic === false) options.push("DETERMINISTIC = false");
  return options;
}
