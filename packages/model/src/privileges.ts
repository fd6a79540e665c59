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

/** Privilege names by object type, for expanding `all`. */
export const allPrivileges: Record<string, readonly string[]> = {
  table: ["select", "insert", "update", "delete", "truncate", "references", "trigger"],
  view: ["select", "insert", "update", "delete", "truncate", "references", "trigger"],
  sequence: ["usage", "select", "update"],
  function: ["execute"],
  schema: ["usage", "create"],
  type: ["usage"],
  language: ["usage"],
  "foreign data wrapper": ["usage"],
  server: ["usage"],
  column: ["select", "insert", "update", "references"],
};

/** Flatten privileges into one Grant per grantee and privilege, `all` expanded. */
export function flattenPrivileges(privileges: Privileges | undefined, objectType: string): Grant[] {
  const grants: Grant[] = [];
  for (const entry of privileges ?? []) {
    for (const [grantee, value] of Object.entries(entry)) {
      const items = Array.isArray(value) ? value : value.privs;
      const grantor = Array.isArray(value) ? undefined : value.grantor;
      for (const item of items) {
        const [name, grantable] = typeof item === "string" ? [item, false] : firstEntry(item);
        const names = name === "all" ? (allPrivileges[objectType] ?? [name]) : [name];
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
