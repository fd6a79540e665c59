import { flattenPrivileges, grantKey, type Database, type DefaultPrivileges, type Grant } from "@pgvc/model";
import type { DiffContext, Item, KindDiffer } from "../differ.js";
import { ident } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { itemRef } from "./common.js";

/**
 * ALTER DEFAULT PRIVILEGES: `default privileges ROLE` (global) and
 * `default privileges SCHEMA.ROLE` (IN SCHEMA). They apply to objects made
 * after them, so they run after the objects this diff creates (which get
 * their own privileges from the model).
 */
const objectTypes: Record<keyof DefaultPrivileges, { sql: string; privilegeType: string; publicDefaults: string[] }> = {
  tables: { sql: "TABLES", privilegeType: "table", publicDefaults: [] },
  sequences: { sql: "SEQUENCES", privilegeType: "sequence", publicDefaults: [] },
  functions: { sql: "FUNCTIONS", privilegeType: "function", publicDefaults: ["execute"] },
  types: { sql: "TYPES", privilegeType: "type", publicDefaults: ["usage"] },
  schemas: { sql: "SCHEMAS", privilegeType: "schema", publicDefaults: [] },
};

export const defaultPrivilegesDiffer: KindDiffer<DefaultPrivileges> = {
  kind: "default privileges",

  items(db: Database): Item<DefaultPrivileges>[] {
    const out: Item<DefaultPrivileges>[] = [];
    for (const role of Object.keys(db.defaultPrivileges ?? {}).sort()) {
      out.push({
        ref: itemRef("default privileges", role),
        kind: "default privileges",
        name: role,
        value: db.defaultPrivileges?.[role] ?? {},
      });
    }
    for (const schema of Object.keys(db.schemas).sort()) {
      const byRole = db.schemas[schema]?.default_privileges ?? {};
      for (const role of Object.keys(byRole).sort()) {
        const ref = itemRef("default privileges", schema, role);
        out.push({ ref, kind: "default privileges", schema, name: role, parent: itemRef("schema", schema), value: byRole[role] ?? {} });
      }
    }
    return out;
  },

  create(item, ctx) {
    return changes(item, {}, item.value, ctx);
  },

  drop(item, ctx) {
    // A file written with -x says nothing of privileges: it leaves them as they are.
    if (ctx.options.privileges === false || !namesPrivileges(ctx.to)) return [];
    // Those IN SCHEMA go with their schema.
    if (item.parent !== undefined && ctx.isDropped(item.parent)) return [];
    return changes(item, item.value, {}, ctx).map((st) => ({ ...st, phase: "main" as const }));
  },

  alter(from, to, ctx) {
    return changes(to, from.value, to.value, ctx);
  },
};

/** GRANT and REVOKE turning `before` into `after`, for each object type. */
function changes(item: Item<DefaultPrivileges>, before: DefaultPrivileges, after: DefaultPrivileges, ctx: DiffContext): Statement[] {
  if (ctx.options.privileges === false) return [];
  const version = ctx.from.serverVersionNum ?? ctx.to.serverVersionNum;
  const scope = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(item.name)}${item.schema === undefined ? "" : ` IN SCHEMA ${ident(item.schema)}`}`;
  const out: Statement[] = [];
  for (const [key, type] of Object.entries(objectTypes) as [keyof DefaultPrivileges, (typeof objectTypes)[keyof DefaultPrivileges]][]) {
    const grants = (value: DefaultPrivileges) =>
      value[key] !== undefined
        ? flattenPrivileges(value[key], type.privilegeType, version)
        : item.schema === undefined
          ? builtIn(item.name, type, version)
          : [];
    const [old, now] = [keyed(grants(before)), keyed(grants(after))];
    const revoked = [...old].filter(([k]) => !now.has(k)).map(([, g]) => g);
    const granted = [...now].filter(([k]) => !old.has(k)).map(([, g]) => g);
    const requires = createdInScope(item, ctx.to);
    for (const g of revoked)
      out.push(
        statement("alter", item.ref, `${scope} REVOKE ${g.privilege.toUpperCase()} ON ${type.sql} FROM ${grantee(g)}`, "main", {
          requires,
        }),
      );
    for (const g of granted) {
      const option = g.grantable ? " WITH GRANT OPTION" : "";
      out.push(
        statement("alter", item.ref, `${scope} GRANT ${g.privilege.toUpperCase()} ON ${type.sql} TO ${grantee(g)}${option}`, "main", {
          requires,
        }),
      );
    }
  }
  return out;
}

/** What a role's new objects get with no global default privileges: everything to it, some to PUBLIC. */
function builtIn(role: string, type: (typeof objectTypes)[keyof DefaultPrivileges], version: number | undefined): Grant[] {
  const pub = type.publicDefaults.map((privilege) => ({ grantee: "PUBLIC", privilege, grantable: false, grantor: undefined }));
  return [...pub, ...flattenPrivileges([{ [role]: ["all"] }], type.privilegeType, version)];
}

function keyed(grants: Grant[]): Map<string, Grant> {
  return new Map(grants.map((g) => [grantKey({ ...g, grantor: undefined }), g]));
}

function grantee(g: Grant): string {
  return g.grantee === "PUBLIC" ? "PUBLIC" : ident(g.grantee);
}

/** The objects that would otherwise pick these default privileges up as they are created. */
function createdInScope(item: Item<DefaultPrivileges>, db: Database): string[] {
  const schemas = item.schema === undefined ? Object.keys(db.schemas) : [item.schema];
  const fields = [
    "tables",
    "views",
    "materializedViews",
    "sequences",
    "functions",
    "procedures",
    "aggregates",
    "types",
    "domains",
  ] as const;
  const kinds = ["table", "view", "materialized view", "sequence", "function", "procedure", "aggregate", "type", "domain"];
  const out: string[] = item.schema === undefined ? schemas.map((s) => itemRef("schema", s)) : [];
  for (const schema of schemas) {
    fields.forEach((field, i) => {
      for (const name of Object.keys(db.schemas[schema]?.[field] ?? {})) out.push(itemRef(kinds[i] as string, schema, name));
    });
  }
  return out;
}

/** Whether a model names privileges anywhere (a file dumped with -x does not). */
function namesPrivileges(db: Database): boolean {
  const has = (value: unknown): boolean => {
    if (value === null || typeof value !== "object") return false;
    if (Array.isArray(value)) return value.some(has);
    return Object.entries(value).some(([k, v]) => k === "privileges" || k === "default_privileges" || k === "defaultPrivileges" || has(v));
  };
  return has(db.schemas) || has(db.defaultPrivileges);
}
