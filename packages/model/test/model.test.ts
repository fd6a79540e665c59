import { describe, expect, it } from "vitest";
import { flattenPrivileges, formatRef, parseRef, schemaKindByYaml, schemaKinds, topKinds } from "@pgvc/model";

describe("object references", () => {
  it.each([
    ["table app.orders", { kind: "table", schema: "app", name: "orders" }],
    ["materialized view app.totals", { kind: "materialized view", schema: "app", name: "totals" }],
    ["function app.add(integer, app.money)", { kind: "function", schema: "app", name: "add(integer, app.money)" }],
    ["column app.orders.status", { kind: "column", schema: "app", table: "orders", name: "status" }],
    ["schema app", { kind: "schema", name: "app" }],
    ["foreign data wrapper w", { kind: "foreign data wrapper", name: "w" }],
  ])("%s", (text, ref) => {
    expect(parseRef(text)).toEqual(ref);
    expect(formatRef(parseRef(text))).toBe(text);
  });

  it("rejects text that names no kind", () => {
    expect(() => parseRef("orders")).toThrow(/expected e.g. "table app.orders"/);
  });
});

describe("the kind registry", () => {
  it("has one entry per YAML prefix and per collection", () => {
    const all = [...schemaKinds, ...topKinds];
    expect(new Set(all.map((k) => k.yaml)).size).toBe(all.length);
    expect(new Set(all.map((k) => k.field)).size).toBe(all.length);
    expect(schemaKindByYaml.get("materialized view")?.field).toBe("materializedViews");
  });
});

describe("flattenPrivileges", () => {
  it("expands all, keeps grant options and grantors", () => {
    const grants = flattenPrivileges(
      [{ alice: ["all"] }, { bob: ["select", { insert: { grantable: true } }] }, { carol: { grantor: "alice", privs: ["usage"] } }],
      "sequence",
    );
    expect(grants).toEqual([
      { grantee: "alice", privilege: "select", grantable: false, grantor: undefined },
      { grantee: "alice", privilege: "update", grantable: false, grantor: undefined },
      { grantee: "alice", privilege: "usage", grantable: false, grantor: undefined },
      { grantee: "bob", privilege: "insert", grantable: true, grantor: undefined },
      { grantee: "bob", privilege: "select", grantable: false, grantor: undefined },
      { grantee: "carol", privilege: "usage", grantable: false, grantor: "alice" },
    ]);
  });

  it("counts MAINTAIN in a table's all from PostgreSQL 17 on", () => {
    const names = (version?: number) => flattenPrivileges([{ alice: ["all"] }], "table", version).map((g) => g.privilege);
    const before17 = ["delete", "insert", "references", "select", "trigger", "truncate", "update"];
    expect(names(160004)).toEqual(before17);
    expect(names(undefined)).toEqual(before17);
    expect(names(170000)).toEqual([...before17.slice(0, 2), "maintain", ...before17.slice(2)]);
    expect(flattenPrivileges([{ alice: ["all"] }], "sequence", 180000).map((g) => g.privilege)).toEqual(["select", "update", "usage"]);
  });
});
