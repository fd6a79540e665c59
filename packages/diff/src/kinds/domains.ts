import type { Database, Domain } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { ident, literal, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { renderCollation } from "./columns.js";
import { replaceInPlace } from "./types.js";

type DomainCheck = NonNullable<Domain["check_constraints"]>[string];

/**
 * Domains: `domain app.amount`. DEFAULT, NOT NULL and CHECK changes are
 * ALTER DOMAIN, so columns keep their domain; a new base type or collation
 * makes the domain anew in place, its columns converted (as an enum that
 * loses a label).
 */
export const domainDiffer: KindDiffer<Domain> = {
  kind: "domain",

  items(db: Database, scope: DiffScope): Item<Domain>[] {
    return schemaObjects<Domain>(scope, db, "domains", "domain");
  },

  create(item) {
    const d = item.value;
    const parts = [`CREATE DOMAIN ${qname(item.schema, item.name)} AS ${d.type}`];
    if (d.collation) parts.push(`COLLATE ${renderCollation(d.collation)}`);
    if (d.default !== undefined) parts.push(`DEFAULT ${d.default}`);
    if (d.not_null) parts.push("NOT NULL");
    const out = [statement("create", item.ref, parts.join(" "), "main")];
    // NOT VALID checks can only be added to an existing domain.
    for (const [name, check] of Object.entries(d.check_constraints ?? {}).sort(([x], [y]) => x.localeCompare(y))) {
      out.push(addCheck(item, name, check));
      if (check.description !== undefined) out.push(checkComment(item, name, check.description));
    }
    return out;
  },

  drop(item) {
    return [statement("drop", item.ref, `DROP DOMAIN ${qname(item.schema, item.name)}`, "drop")];
  },

  alter(from, to, ctx): AlterResult {
    const a = from.value;
    const b = to.value;
    // ALTER DOMAIN cannot change the base type, and DROP DOMAIN fails while columns use it.
    if (a.type !== b.type || (a.collation ?? "") !== (b.collation ?? ""))
      return replaceInPlace(to, ctx, "DOMAIN", domainDiffer.create(to, ctx));
    const name = qname(to.schema, to.name);
    const out: Statement[] = [];
    const act = (action: string, hazards: Statement["hazards"] = []) =>
      out.push(statement("alter", to.ref, `ALTER DOMAIN ${name} ${action}`, "main", { hazards }));
    if (!ctx.expressions.same(a.default, b.default)) act(b.default === undefined ? "DROP DEFAULT" : `SET DEFAULT ${b.default}`);
    if (Boolean(a.not_null) !== Boolean(b.not_null)) act(b.not_null ? "SET NOT NULL" : "DROP NOT NULL", b.not_null ? ["lock"] : []);
    const before = a.check_constraints ?? {};
    const after = b.check_constraints ?? {};
    for (const cname of Object.keys(before).sort()) {
      const old = before[cname] as DomainCheck;
      const next = after[cname];
      if (next && ctx.expressions.same(old.expression, next.expression) && Boolean(old.not_valid) === Boolean(next.not_valid)) continue;
      if (next && ctx.expressions.same(old.expression, next.expression) && old.not_valid && !next.not_valid) {
        act(`VALIDATE CONSTRAINT ${ident(cname)}`, ["lock"]);
        continue;
      }
      act(`DROP CONSTRAINT ${ident(cname)}`);
      if (next) out.push(addCheck(to, cname, next));
    }
    for (const cname of Object.keys(after).sort()) if (!before[cname]) out.push(addCheck(to, cname, after[cname] as DomainCheck));
    for (const cname of Object.keys(after).sort()) {
      const text = after[cname]?.description;
      if (text !== before[cname]?.description) out.push(checkComment(to, cname, text));
    }
    return out;
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER DOMAIN ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item): SqlTarget {
    const name = `DOMAIN ${qname(item.schema, item.name)}`;
    return { comment: name, owner: name, grant: name, privilegeType: "type", publicDefaults: ["usage"] };
  },
};

function addCheck(item: Item<Domain>, name: string, check: DomainCheck): Statement {
  const sql = `ALTER DOMAIN ${qname(item.schema, item.name)} ADD CONSTRAINT ${ident(name)} CHECK (${check.expression})${check.not_valid ? " NOT VALID" : ""}`;
  return statement("alter", item.ref, sql, "main", { hazards: check.not_valid ? [] : ["lock"] });
}

function checkComment(item: Item<Domain>, name: string, text: string | undefined): Statement {
  const sql = `COMMENT ON CONSTRAINT ${ident(name)} ON DOMAIN ${qname(item.schema, item.name)} IS ${text === undefined ? "NULL" : literal(text)}`;
  return statement("comment", item.ref, sql, "main", { provides: [] });
}
