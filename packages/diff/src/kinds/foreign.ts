import type { Column, Database, ForeignDataWrapper, ForeignTable, Server } from "@pgvc/model";
import type { AlterResult, DiffContext, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { genericAlter, genericCreate } from "../generic.js";
import { ident, literal, qname } from "../render.js";
import { statement, type Hazard, type Statement } from "../statement.js";
import { optionChanges, renderCollation, renderColumn, storageChange } from "./columns.js";
import { schemaObjects } from "./common.js";
import { alterOptions, createOptions } from "./objectnames.js";

/*
 * Foreign data: wrappers (`foreign data wrapper w`), their servers
 * (`server s`), the servers' user mappings (`user mapping for ROLE server
 * s`) and foreign tables (`foreign table app.t`). None is the engine's child
 * of another: each is dropped on its own, in reverse dependency order
 * (mappings and tables, then servers, then wrappers), so no CASCADE is
 * needed. Options change with OPTIONS (ADD / SET / DROP).
 */

type WrapperValue = Omit<ForeignDataWrapper, "servers">;
type ServerValue = Omit<Server, "user_mappings"> & { wrapper: string };
interface MappingValue {
  server: string;
  role: string;
  options?: string[] | undefined;
}

/**
 * A wrapper that an extension makes (`file_fdw`, `postgres_fdw`) appears in
 * the model only to hold its servers: named like an extension of the same
 * model and with no attributes of its own. CREATE EXTENSION makes it and
 * DROP EXTENSION drops it, so the differ writes neither: its item's form
 * is `extension`.
 */
function isExtensionWrapper(db: Database, name: string, value: WrapperValue): boolean {
  const own = Object.entries(value).filter(([, v]) => v !== undefined);
  return db.extensions?.[name] !== undefined && own.length === 0;
}

function wrapperName(item: Item): string {
  return ident(item.name);
}

export const foreignDataWrapperDiffer: KindDiffer<WrapperValue> = {
  kind: "foreign data wrapper",
  items(db: Database): Item<WrapperValue>[] {
    const wrappers = db.foreignDataWrappers ?? {};
    return Object.keys(wrappers)
      .sort()
      .map((name) => {
        const { servers: _s, ...value } = wrappers[name] as ForeignDataWrapper;
        const form = isExtensionWrapper(db, name, value) ? "extension" : undefined;
        return { ref: `foreign data wrapper ${name}`, kind: "foreign data wrapper", name, value, form };
      });
  },
  create(item) {
    if (item.form === "extension") return [];
    const w = item.value;
    const handler = w.handler === undefined ? "" : ` HANDLER ${w.handler}`;
    const validator = w.validator === undefined ? "" : ` VALIDATOR ${w.validator}`;
    const sql = `CREATE FOREIGN DATA WRAPPER ${wrapperName(item)}${handler}${validator}${createOptions(w.options, literal)}`;
    return [statement("create", item.ref, sql, "main")];
  },
  drop(item) {
    if (item.form === "extension") return [];
    return [statement("drop", item.ref, `DROP FOREIGN DATA WRAPPER ${wrapperName(item)}`, "drop")];
  },
  alter(from, to): AlterResult {
    const a = from.value;
    const b = to.value;
    const clauses: string[] = [];
    if (a.handler !== b.handler) clauses.push(b.handler === undefined ? "NO HANDLER" : `HANDLER ${b.handler}`);
    if (a.validator !== b.validator) clauses.push(b.validator === undefined ? "NO VALIDATOR" : `VALIDATOR ${b.validator}`);
    const options = alterOptions(a.options, b.options, literal);
    if (options) clauses.push(options.trim());
    return clauses.length === 0
      ? []
      : [statement("alter", to.ref, `ALTER FOREIGN DATA WRAPPER ${wrapperName(to)} ${clauses.join(" ")}`, "main")];
  },
  rename(from, to) {
    return [statement("rename", to.ref, `ALTER FOREIGN DATA WRAPPER ${wrapperName(from)} RENAME TO ${ident(to.name)}`, "rename")];
  },
  target(item): SqlTarget {
    const name = `FOREIGN DATA WRAPPER ${wrapperName(item)}`;
    return { comment: name, owner: name, grant: name, privilegeType: "foreign data wrapper" };
  },
};

function servers(db: Database): [string, string, Server][] {
  const out: [string, string, Server][] = [];
  for (const [wrapper, w] of Object.entries(db.foreignDataWrappers ?? {})) {
    for (const [name, server] of Object.entries(w.servers ?? {})) out.push([wrapper, name, server]);
  }
  return out.sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
}

export const serverDiffer: KindDiffer<ServerValue> = {
  kind: "server",
  items(db: Database): Item<ServerValue>[] {
    return servers(db).map(([wrapper, name, server]) => {
      const { user_mappings: _m, ...rest } = server;
      return { ref: `server ${name}`, kind: "server", name, value: { ...rest, wrapper } };
    });
  },
  create(item) {
    const s = item.value;
    const type = s.type === undefined ? "" : ` TYPE ${literal(s.type)}`;
    const version = s.version === undefined ? "" : ` VERSION ${literal(s.version)}`;
    const sql = `CREATE SERVER ${ident(item.name)}${type}${version} FOREIGN DATA WRAPPER ${ident(s.wrapper)}${createOptions(s.options, literal)}`;
    return [statement("create", item.ref, sql, "main")];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP SERVER ${ident(item.name)}`, "drop")];
  },
  alter(from, to): AlterResult {
    const a = from.value;
    const b = to.value;
    if (a.wrapper !== b.wrapper || a.type !== b.type) return { rebuild: "a server's wrapper or type cannot be altered" };
    const clauses: string[] = [];
    if (a.version !== b.version) clauses.push(b.version === undefined ? "VERSION NULL" : `VERSION ${literal(b.version)}`);
    const options = alterOptions(a.options, b.options, literal);
    if (options) clauses.push(options.trim());
    return clauses.length === 0 ? [] : [statement("alter", to.ref, `ALTER SERVER ${ident(to.name)} ${clauses.join(" ")}`, "main")];
  },
  rename(from, to) {
    return [statement("rename", to.ref, `ALTER SERVER ${ident(from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },
  target(item): SqlTarget {
    return {
      comment: `SERVER ${ident(item.name)}`,
      owner: `SERVER ${ident(item.name)}`,
      grant: `FOREIGN SERVER ${ident(item.name)}`,
      privilegeType: "server",
    };
  },
  dependencies: (item, db) => [
    `foreign data wrapper ${item.value.wrapper}`,
    ...(db.extensions?.[item.value.wrapper] ? [`extension ${item.value.wrapper}`] : []),
  ],
};

function mappingTarget(v: MappingValue): string {
  return `${v.role === "PUBLIC" ? "PUBLIC" : ident(v.role)} SERVER ${ident(v.server)}`;
}

/** Re-created with their server when it is (`followsDependencies`). */
export const userMappingDiffer: KindDiffer<MappingValue> = {
  kind: "user mapping",
  followsDependencies: true,
  items(db: Database): Item<MappingValue>[] {
    const out: Item<MappingValue>[] = [];
    for (const [, server, s] of servers(db)) {
      for (const role of Object.keys(s.user_mappings ?? {}).sort()) {
        const value: MappingValue = { server, role, options: s.user_mappings?.[role]?.options };
        out.push({ ref: `user mapping for ${role} server ${server}`, kind: "user mapping", name: `${role}@${server}`, value });
      }
    }
    return out;
  },
  create(item, ctx) {
    // A mapping of a renamed server moved with it: only its options may change.
    const old = renamedServers(ctx, "to").get(item.value.server);
    const before = old === undefined ? undefined : ctx.fromItem(`user mapping for ${item.value.role} server ${old}`);
    if (before) return userMappingDiffer.alter(before as Item<MappingValue>, item, ctx) as Statement[];
    return [
      statement(
        "create",
        item.ref,
        `CREATE USER MAPPING FOR ${mappingTarget(item.value)}${createOptions(item.value.options, literal)}`,
        "main",
      ),
    ];
  },
  drop(item, ctx) {
    const next = renamedServers(ctx, "from").get(item.value.server);
    if (next !== undefined && ctx.toItem(`user mapping for ${item.value.role} server ${next}`)) return [];
    return [statement("drop", item.ref, `DROP USER MAPPING FOR ${mappingTarget(item.value)}`, "drop")];
  },
  alter(from, to): AlterResult {
    const options = alterOptions(from.value.options, to.value.options, literal);
    return options ? [statement("alter", to.ref, `ALTER USER MAPPING FOR ${mappingTarget(to.value)}${options}`, "main")] : [];
  },
  dependencies: (item) => [`server ${item.value.server}`],
};

/** Server renames given as hints (`server:old=new`): new name by old (`from`) or old by new (`to`). */
function renamedServers(ctx: DiffContext, by: "from" | "to"): Map<string, string> {
  const hints = (ctx.options.renames ?? []).filter((h) => h.kind === "server");
  return new Map(hints.map((h) => (by === "from" ? [h.from, h.to] : [h.to, h.from])));
}

/**
 * Foreign tables, with their columns: created whole, then changed with
 * ALTER FOREIGN TABLE (ADD / DROP / ALTER COLUMN, OPTIONS). A new server
 * drops and creates the table (it holds no rows of its own), as does
 * re-creating its server.
 */
export const foreignTableDiffer: KindDiffer<ForeignTable> = {
  kind: "foreign table",
  followsDependencies: true,
  items: (db: Database, scope: DiffScope) => schemaObjects<ForeignTable>(scope, db, "foreignTables", "foreign table"),
  create(item, ctx) {
    const t = item.value;
    const columns = (t.columns ?? []).filter((c) => !c.inherited).map((c) => renderForeignColumn(c));
    const sql = `CREATE FOREIGN TABLE ${qname(item.schema, item.name)} (${columns.join(", ")}) SERVER ${ident(t.server)}${createOptions(t.options, literal)}`;
    const out = [statement("create", item.ref, sql, "main")];
    for (const c of t.columns ?? []) {
      out.push(...foreignColumnSettings(item, { name: c.name, type: c.type }, c));
      if (c.description !== undefined) out.push(columnComment(item, c));
      out.push(...columnGrants(item, undefined, c, ctx));
    }
    return out;
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP FOREIGN TABLE ${qname(item.schema, item.name)}`, "drop")];
  },
  alter(from, to, ctx): AlterResult {
    const server = renamedServers(ctx, "from").get(from.value.server) ?? from.value.server;
    if (server !== to.value.server) return { rebuild: "a foreign table's server cannot be altered" };
    const before = new Map((from.value.columns ?? []).map((c) => [c.name, c.compression]));
    const changed = (to.value.columns ?? []).some((c) => before.has(c.name) && before.get(c.name) !== c.compression);
    if (changed) return { rebuild: "a foreign table's column compression is set only by CREATE FOREIGN TABLE" };
    const out = alterColumns(from, to, ctx);
    const options = alterOptions(from.value.options, to.value.options, literal);
    if (options) out.push(alterForeign(to, options.trim()));
    return out;
  },
  rename(from, to) {
    return [statement("rename", to.ref, `ALTER FOREIGN TABLE ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },
  target(item): SqlTarget {
    const name = `FOREIGN TABLE ${qname(item.schema, item.name)}`;
    return { comment: name, owner: name, grant: `TABLE ${qname(item.schema, item.name)}`, privilegeType: "table" };
  },
  dependencies: (item) => [`server ${item.value.server}`],
};

/** A column of CREATE FOREIGN TABLE or ADD COLUMN: its compression is written there, as ALTER cannot set it. */
function renderForeignColumn(c: Column): string {
  return renderColumn(c.compression === undefined ? c : { ...c, type: `${c.type} COMPRESSION ${c.compression}` });
}

/** SET STATISTICS, SET STORAGE and SET (options) of a foreign table's column, from `a`'s to `b`'s. */
function foreignColumnSettings(item: Item, a: Column, b: Column): Statement[] {
  const actions: string[] = [];
  if ((a.statistics ?? -1) !== (b.statistics ?? -1)) actions.push(`SET STATISTICS ${b.statistics ?? -1}`);
  const storage = storageChange(a, b);
  if (storage) actions.push(storage);
  actions.push(...optionChanges(a.options, b.options));
  return actions.map((action) => alterForeign(item, `ALTER COLUMN ${ident(b.name)} ${action}`));
}

function alterForeign(item: Item, action: string, hazards: Hazard[] = []): Statement {
  return statement("alter", item.ref, `ALTER FOREIGN TABLE ${qname(item.schema, item.name)} ${action}`, "main", {
    hazards,
    provides: [`${item.ref}#changed`],
  });
}

function columnComment(item: Item, c: Column): Statement {
  const text = c.description === undefined ? "NULL" : literal(c.description);
  return statement("comment", item.ref, `COMMENT ON COLUMN ${qname(item.schema, item.name)}.${ident(c.name)} IS ${text}`, "main", {
    requires: [item.ref],
    provides: [],
  });
}

/** GRANT and REVOKE on a foreign table's column (`a` undefined: a new column). */
function columnGrants(table: Item, a: Column | undefined, b: Column, ctx: DiffContext): Statement[] {
  const target: SqlTarget = { grant: `TABLE ${qname(table.schema, table.name)}`, column: b.name, privilegeType: "column" };
  const item = (c: Column): Item => ({ ...table, value: { privileges: c.privileges } });
  if (a === undefined) return b.privileges === undefined ? [] : genericCreate(item(b), target, ctx.genericFlags);
  return genericAlter(item(a), item(b), target, ctx.genericFlags);
}

function alterColumns(from: Item<ForeignTable>, to: Item<ForeignTable>, ctx: DiffContext): Statement[] {
  const before = new Map((from.value.columns ?? []).map((c) => [c.name, c]));
  const after = new Map((to.value.columns ?? []).map((c) => [c.name, c]));
  const out: Statement[] = [];
  for (const name of before.keys()) if (!after.has(name)) out.push(alterForeign(to, `DROP COLUMN ${ident(name)}`, ["data-loss"]));
  for (const [name, b] of after) {
    const a = before.get(name);
    if (!a) {
      out.push(alterForeign(to, `ADD COLUMN ${renderForeignColumn(b)}`), ...foreignColumnSettings(to, { name, type: b.type }, b));
      if (b.description !== undefined) out.push(columnComment(to, b));
      out.push(...columnGrants(to, undefined, b, ctx));
      continue;
    }
    out.push(...foreignColumnSettings(to, a, b), ...columnGrants(to, a, b, ctx));
    const col = `ALTER COLUMN ${ident(name)}`;
    if (a.type !== b.type || a.collation !== b.collation) {
      out.push(alterForeign(to, `${col} TYPE ${b.type}${b.collation === undefined ? "" : ` COLLATE ${renderCollation(b.collation)}`}`));
    }
    if ((a.not_null ?? false) !== (b.not_null ?? false)) out.push(alterForeign(to, `${col} ${b.not_null ? "SET" : "DROP"} NOT NULL`));
    if (a.default !== b.default)
      out.push(alterForeign(to, b.default === undefined ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${b.default}`));
    if (a.description !== b.description) out.push(columnComment(to, b));
  }
  return out;
}
