import type { Database, Operator, OperatorClass, OperatorFamily } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { changedAttributes, genericKeys, sameAttributes } from "../compare.js";
import { ident, qname, splitQualified } from "../render.js";
import { statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { splitSignature, splitUsing, withoutCatalogPrefix } from "./objectnames.js";

/** `app.===` or `>` (pg_catalog) as an operator clause value: `OPERATOR(app.===)`. */
function operatorRef(text: string): string {
  const dot = text.lastIndexOf(".");
  const schema = dot < 0 ? "pg_catalog" : text.slice(0, dot).replace(/^"(.*)"$/, "$1");
  return `OPERATOR(${ident(schema)}.${dot < 0 ? text : text.slice(dot + 1)})`;
}

/** `app.=== (integer, integer)`: how DROP, COMMENT and ALTER name an operator. */
function operatorSignature(item: Item): string {
  const { name, args } = splitSignature(item.name);
  return `${ident(item.schema as string)}.${name} (${args})`;
}

const operatorDefaults = { hashes: false, merges: false };

/**
 * Operators: `operator app.===(integer, integer)`. RESTRICT and JOIN change
 * with ALTER OPERATOR ... SET; anything else drops and creates.
 */
export const operatorDiffer: KindDiffer<Operator> = {
  kind: "operator",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items: (db: Database, scope: DiffScope) => schemaObjects<Operator>(scope, db, "operators", "operator"),
  create(item) {
    const o = item.value;
    const { name, args } = splitSignature(item.name);
    const [left, right] = args.split(",").map((a) => a.trim());
    const options = [`FUNCTION = ${o.procedure}`];
    if (left && left !== "NONE") options.push(`LEFTARG = ${left}`);
    if (right && right !== "NONE") options.push(`RIGHTARG = ${right}`);
    if (o.commutator) options.push(`COMMUTATOR = ${operatorRef(o.commutator)}`);
    if (o.negator) options.push(`NEGATOR = ${operatorRef(o.negator)}`);
    if (o.restrict) options.push(`RESTRICT = ${o.restrict}`);
    if (o.join) options.push(`JOIN = ${o.join}`);
    if (o.hashes) options.push("HASHES");
    if (o.merges) options.push("MERGES");
    return [statement("create", item.ref, `CREATE OPERATOR ${ident(item.schema as string)}.${name} (${options.join(", ")})`, "main")];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP OPERATOR ${operatorSignature(item)}`, "drop")];
  },
  alter(from, to): AlterResult {
    const changed = changedAttributes(withoutCatalogPrefix(from.value), withoutCatalogPrefix(to.value), operatorDefaults).filter(
      (key) => !(genericKeys as readonly string[]).includes(key),
    );
    if (changed.length === 0) return [];
    if (changed.some((key) => key !== "restrict" && key !== "join"))
      return { rebuild: "only an operator's RESTRICT and JOIN can be altered" };
    const sets = changed.map((key) => `${key.toUpperCase()} = ${(key === "join" ? to.value.join : to.value.restrict) ?? "NONE"}`);
    return [statement("alter", to.ref, `ALTER OPERATOR ${operatorSignature(to)} SET (${sets.join(", ")})`, "main")];
  },
  target(item): SqlTarget {
    const name = `OPERATOR ${operatorSignature(item)}`;
    return { comment: name, owner: name };
  },
};

/** `operator family app.fam using hash`: created empty; classes fill it. */
export const operatorFamilyDiffer: KindDiffer<OperatorFamily> = {
  kind: "operator family",
  items: (db: Database, scope: DiffScope) => schemaObjects<OperatorFamily>(scope, db, "operatorFamilies", "operator family"),
  create(item) {
    return [statement("create", item.ref, `CREATE OPERATOR FAMILY ${familyName(item)}`, "main")];
  },
  drop(item) {
    // IF EXISTS: dropping a class may have dropped the family it made (see the class).
    return [statement("drop", item.ref, `DROP OPERATOR FAMILY IF EXISTS ${familyName(item)}`, "drop")];
  },
  alter: () => [],
  target(item): SqlTarget {
    const name = `OPERATOR FAMILY ${familyName(item)}`;
    return { comment: name, owner: name };
  },
};

function familyName(item: Item): string {
  const { name, method } = splitUsing(item.name);
  return `${qname(item.schema, name)} USING ${ident(method)}`;
}

/**
 * `operator class app.rev_ops using btree`: any change drops and creates
 * it. Its family (named, or the one of its own name that CREATE OPERATOR
 * CLASS uses or makes) is created first.
 */
export const operatorClassDiffer: KindDiffer<OperatorClass> = {
  kind: "operator class",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items: (db: Database, scope: DiffScope) => schemaObjects<OperatorClass>(scope, db, "operatorClasses", "operator class"),
  create(item) {
    return [statement("create", item.ref, renderCreateOperatorClass(item), "main")];
  },
  drop(item, ctx) {
    // Members whose types differ from the class's belong to the family and
    // outlive DROP OPERATOR CLASS; when the class made its family, dropping
    // the family removes both (CREATE OPERATOR CLASS makes it again).
    const family = familyRef(item);
    if (item.value.family === undefined && (ctx.toItem(item.ref) !== undefined || ctx.isDropped(family))) {
      return [statement("drop", item.ref, `DROP OPERATOR FAMILY IF EXISTS ${familyName(item)}`, "drop", { provides: [item.ref, family] })];
    }
    return [statement("drop", item.ref, `DROP OPERATOR CLASS ${familyName(item)}`, "drop")];
  },
  alter(from, to): AlterResult {
    return sameAttributes(withoutCatalogPrefix(from.value), withoutCatalogPrefix(to.value), { defaults: { default: false } })
      ? []
      : { rebuild: "an operator class is changed by creating it again" };
  },
  target(item): SqlTarget {
    const name = `OPERATOR CLASS ${familyName(item)}`;
    return { comment: name, owner: name };
  },
  dependencies(item) {
    const deps = [familyRef(item)];
    for (const op of Object.values(item.value.operators ?? {})) {
      const { name: opName, args } = splitSignature(op);
      const dot = opName.lastIndexOf(".");
      if (dot > 0)
        deps.push(
          `operator ${opName}(${args
            .split(",")
            .map((a) => a.trim())
            .join(", ")})`,
        );
    }
    return deps;
  },
};

/** The reference of the class's family: named, or of the class's own name. */
function familyRef(item: Item<OperatorClass>): string {
  const { name, method } = splitUsing(item.name);
  const family = splitQualified(item.value.family ?? name, item.schema);
  return `operator family ${family.schema}.${family.name} using ${method}`;
}

function renderCreateOperatorClass(item: Item<OperatorClass>): string {
  const c = item.value;
  const { name, method } = splitUsing(item.name);
  const family =
    c.family === undefined
      ? ""
      : ` FAMILY ${qname(splitQualified(c.family, item.schema).schema, splitQualified(c.family, item.schema).name)}`;
  const members: string[] = [];
  for (const [strategy, op] of Object.entries(c.operators ?? {})) {
    const sig = splitSignature(op);
    members.push(`OPERATOR ${Number(strategy)} ${sig.name} (${sig.args})`);
  }
  for (const [support, fn] of Object.entries(c.functions ?? {})) members.push(`FUNCTION ${Number(support)} ${fn}`);
  if (c.storage !== undefined) members.push(`STORAGE ${c.storage}`);
  const head = `CREATE OPERATOR CLASS ${qname(item.schema, name)}${c.default ? " DEFAULT" : ""} FOR TYPE ${c.type} USING ${ident(method)}${family}`;
  return `${head} AS ${members.join(", ")}`;
}
