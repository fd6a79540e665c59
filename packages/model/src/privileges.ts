import { s, type Infer } from "./spec.js";

/**
 * Privileges as Pyrseas writes them: a list sorted by grantee of
 * `- GRANTEE: [priv, ...]`, a priv being a name or `{name: {grantable: true}}`,
 * or `- GRANTEE: {grantor: ROLE, privs: [...]}` when someone other than the
 * owner granted them.
 */
const privilegeItem = s.union(s.string(), s.map(s.object({ grantable: s.boolean() })));
const grantValue = s.union(s.list(privilegeItem), s.object({ grantor: s.string(), privs: s.list(privilegeItem) }, { required: ["privs"] }));
export const privilegesSpec = s.list(s.map(grantValue));
export type Privileges = Infer<typeof privilegesSpec>;

/** One privilege held by one grantee: the form the diff compares. */
export interface Grant {
  grantee: string;
  privilege: string;
  grantable: boolean;
  grantor: string | undefined;
}

/** Privilege names by object type, for expanding `all` (see privilegesOfAll for the version). */
export const allPrivileges: Record<string, readonly string[]> = {
  table: ["select", "insert", "update", "delete", "truncate", "references", "trigger", "maintain"],
  view: ["select", "insert", "update", "delete", "truncate", "references", "trigger", "maintain"],
  sequence: ["usage", "select", "update"],
  function: ["execute"],
  schema: ["usage", "create"],
  type: ["usage"],
  language: ["usage"],
  "foreign data wrapper": ["usage"],
  server: ["usage"],
  column: ["select", "insert", "update", "references"],
};

/** The server version (server_version_num) from which `all` includes a privilege. */
const allSince: Record<string, number> = { maintain: 170000 };

/**
 * What `all` stands for on an object type: on PostgreSQL 17 and later a
 * table's `all` includes MAINTAIN. With no version known (two YAML files
 * compared), `all` means what it means on every supported version.
 */
export function privilegesOfAll(objectType: string, serverVersionNum?: number): readonly string[] {
  const names = allPrivileges[objectType];
  if (names === undefined) return ["all"];
  return names.filter((name) => (allSince[name] ?? 0) <= (serverVersionNum ?? 0));
}

/** Flatten privileges into one Grant per grantee and privilege, `all` expanded for the server version. */
export function flattenPrivileges(privileges: Privileges | undefined, objectType: string, serverVersionNum?: number): Grant[] {
  const grants: Grant[] = [];
  for (const entry of privileges ?? []) {
    for (const [grantee, value] of Object.entries(entry)) {
      const items = Array.isArray(value) ? value : value.privs;
      const grantor = Array.isArray(value) ? undefined : value.grantor;
      for (const item of items) {
        const [name, grantable] = typeof item === "string" ? [item, false] : firstEntry(item);
        const names = name === "all" ? privilegesOfAll(objectType, serverVersionNum) : [name];
        for (const privilege of names) grants.push({ grantee, privilege, grantable, grantor });
      }
    }
  }
  return grants.sort((a, b) => grantKey(a).localeCompare(grantKey(b)));
}

function firstEntry(item: Record<string, { grantable?: boolean }>): [string, boolean] {
  const [name, options] = Object.entries(item)[0] ?? ["", {}];
  return [name, options.grantable === true];
}

export function grantKey(g: Grant): string {
  return `${g.grantee}\u0000${g.privilege}\u0000${g.grantable}\u0000${g.grantor ?? ""}`;
}
