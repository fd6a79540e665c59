import { flattenPrivileges, grantKey, type Grant, type Privileges } from "@pgvc/model";
import { identicalValue } from "./compare.js";
import type { Item, SqlTarget } from "./differ.js";
import { ident, literal } from "./render.js";
import { statement, type Statement } from "./statement.js";

/**
 * What every kind shares: COMMENT ON, ALTER ... OWNER TO, GRANT and
 * REVOKE. The differs say how to name their objects (`SqlTarget`); the
 * statements are written here once.
 */
export interface GenericFlags {
  owners: boolean;
  privileges: boolean;
  /** The server's version, for what `all` stands for (undefined: no database involved). */
  serverVersionNum?: number | undefined;
}

interface Generic {
  description?: string;
  owner?: string;
  privileges?: Privileges;
}

/**
 * `was`: the object this one makes again (dropped and created around a
 * change). What the target does not name (a `dbtoyaml -O -x` file: owners,
 * privileges) it gets back as it was, else it would come back owned by the
 * session's role without its grants.
 */
export function genericCreate(item: Item, target: SqlTarget, flags: GenericFlags, was?: Item): Statement[] {
  if (was !== undefined) [item, flags] = keptAsItWas(item, was, flags);
  const v = item.value as Generic;
  const out: Statement[] = [];
  if (target.owner && flags.owners && v.owner !== undefined) out.push(ownerStatement(item, target.owner, v.owner));
  if (target.comment && v.description !== undefined) out.push(commentStatement(item, target.comment, v.description));
  if (target.grant && flags.privileges && v.privileges !== undefined) {
    const before = defaultGrants(target, v.owner, flags);
    const after = flattenPrivileges(v.privileges, target.privilegeType ?? "table", flags.serverVersionNum);
    out.push(...grantChanges(item, target, before, after));
  }
  return out;
}

/**
 * The owner and privileges the target leaves out, from the side that names
 * them (the old one first: the target may be the server's rendering of the
 * file, made by the session). Given even when the session's role is the
 * owner: the diff does not know that role.
 */
function keptAsItWas(item: Item, was: Item, flags: GenericFlags): [Item, GenericFlags] {
  const v = item.value as Generic;
  const w = was.value as Generic;
  const value: Generic = { ...v };
  const next = { ...flags };
  const owner = w.owner ?? v.owner;
  if (!flags.owners && owner !== undefined) [value.owner, next.owners] = [owner, true];
  const privileges = w.owner !== undefined ? w.privileges : v.privileges;
  if (!flags.privileges && privileges !== undefined) [value.privileges, next.privileges] = [privileges, true];
  return [{ ...item, value }, next];
}

export function genericAlter(from: Item, to: Item, target: SqlTarget, flags: GenericFlags): Statement[] {
  const a = from.value as Generic;
  const b = to.value as Generic;
  const out: Statement[] = [];
  if (target.owner && flags.owners && b.owner !== undefined && a.owner !== b.owner) {
    out.push(ownerStatement(to, target.owner, b.owner));
  }
  if (target.comment && a.description !== b.description) {
    out.push(commentStatement(to, target.comment, b.description));
  }
  // Identical lists flatten to the same grants: nothing to grant or revoke (and flattening sorts, which costs).
  if (target.grant && flags.privileges && !(a.privileges !== undefined && identicalValue(a.privileges, b.privileges))) {
    const type = target.privilegeType ?? "table";
    const defaults = defaultGrants(target, a.owner, flags);
    const before = a.privileges === undefined ? defaults : flattenPrivileges(a.privileges, type, flags.serverVersionNum);
    const after =
      b.privileges === undefined
        ? defaultGrants(target, b.owner ?? a.owner, flags)
        : flattenPrivileges(b.privileges, type, flags.serverVersionNum);
    // Owners not compared (a side names none: `-O`): neither are the owner's own rights, which come with ownership.
    const owner = flags.owners ? undefined : (b.owner ?? a.owner);
    const others = (grants: Grant[]) => (owner === undefined ? grants : grants.filter((g) => g.grantee !== owner));
    out.push(...grantChanges(to, target, others(before), others(after)));
  }
  return out;
}

/** Provides `REF#owner`, for statements that need the owner in place (a sequence OWNED BY a column: both owners the same). */
function ownerStatement(item: Item, target: string, owner: string): Statement {
  return statement("owner", item.ref, `ALTER ${target} OWNER TO ${ident(owner)}`, "main", {
    requires: [item.ref],
    provides: [`${item.ref}#owner`],
  });
}

function commentStatement(item: Item, target: string, text: string | undefined): Statement {
  const value = text === undefined ? "NULL" : literal(text);
  return statement("comment", item.ref, `COMMENT ON ${target} IS ${value}`, "main", { requires: [item.ref], provides: [] });
}

/** What PostgreSQL grants a new object by itself: everything to its owner, some to PUBLIC. */
function defaultGrants(target: SqlTarget, owner: string | undefined, flags: GenericFlags): Grant[] {
  const grants: Grant[] = (target.publicDefaults ?? []).map((privilege) => ({
    grantee: "PUBLIC",
    privilege,
    grantable: false,
    grantor: undefined,
  }));
  if (owner !== undefined)
    grants.push(...flattenPrivileges([{ [owner]: ["all"] }], target.privilegeType ?? "table", flags.serverVersionNum));
  return grants;
}

function grantChanges(item: Item, target: SqlTarget, before: Grant[], after: Grant[]): Statement[] {
  const strip = (g: Grant): Grant => ({ ...g, grantor: undefined });
  const beforeKeys = new Map(before.map((g) => [grantKey(strip(g)), strip(g)]));
  const afterKeys = new Map(after.map((g) => [grantKey(strip(g)), strip(g)]));
  const revoked = [...beforeKeys].filter(([k]) => !afterKeys.has(k)).map(([, g]) => g);
  const granted = [...afterKeys].filter(([k]) => !beforeKeys.has(k)).map(([, g]) => g);
  const on = target.grant as string;
  const cols = target.column === undefined ? "" : ` (${ident(target.column)})`;
  const out: Statement[] = [];
  for (const [grantee, privs] of groupBy(revoked, (g) => g.grantee)) {
    const sql = `REVOKE ${privs.map((g) => g.privilege.toUpperCase() + cols).join(", ")} ON ${on} FROM ${grantee === "PUBLIC" ? "PUBLIC" : ident(grantee)}`;
    out.push(statement("revoke", item.ref, sql, "main", { requires: [item.ref], provides: [] }));
  }
  for (const privs of groupBy(granted, (g) => `${g.grantee}\u0000${g.grantable}`).values()) {
    const first = privs[0] as Grant;
    const grantee = first.grantee === "PUBLIC" ? "PUBLIC" : ident(first.grantee);
    const option = first.grantable ? " WITH GRANT OPTION" : "";
    const sql = `GRANT ${privs.map((g) => g.privilege.toUpperCase() + cols).join(", ")} ON ${on} TO ${grantee}${option}`;
    out.push(statement("grant", item.ref, sql, "main", { requires: [item.ref], provides: [] }));
  }
  return out;
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
