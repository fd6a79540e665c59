import { describe, expect, it } from "vitest";
import type { Column, Database, ForeignKey } from "@pgvc/model";
import { diffSchemas } from "@pgvc/diff";

/** Two schemas: `app.customer` referenced by `app.orders`, and `billing.invoice` with the same column names. */
function model(edit: { orders?: Column[]; fk?: Partial<ForeignKey>; options?: string[] } = {}): Database {
  return {
    schemas: {
      app: {
        tables: {
          customer: {
            columns: [{ name: "id", type: "integer", not_null: true }],
            primary_key: { customer_pkey: { columns: ["id"] } },
          },
          orders: {
            columns: edit.orders ?? [
              { name: "id", type: "integer", not_null: true },
              { name: "customer_id", type: "integer" },
            ],
            foreign_keys: {
              orders_customer_fk: {
                columns: ["customer_id"],
                references: { schema: "app", table: "customer", columns: ["id"] },
                ...edit.fk,
              },
            },
            ...(edit.options ? { options: edit.options } : {}),
          },
        },
      },
      billing: {
        tables: {
          invoice: { columns: [{ name: "id", type: "integer", not_null: true }] },
        },
      },
    },
  };
}

describe("comparing model values", () => {
  it("treats an attribute set to undefined as absent", () => {
    const written = model({
      orders: [
        { name: "id", type: "integer", not_null: true, default: undefined },
        { name: "customer_id", type: "integer", collation: undefined },
      ],
    });
    expect(diffSchemas(model(), written)).toEqual([]);
    expect(diffSchemas(written, model())).toEqual([]);
  });

  it("treats a foreign key action written at its default as absent", () => {
    expect(diffSchemas(model(), model({ fk: { on_delete: "no action", match: "simple" } }))).toEqual([]);
  });

  it("sees an attribute only one side has", () => {
    const sql = diffSchemas(model(), model({ fk: { on_delete: "cascade" } })).map((s) => s.sql);
    expect(sql).toEqual([
      "ALTER TABLE app.orders DROP CONSTRAINT orders_customer_fk",
      "ALTER TABLE app.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customer(id) ON DELETE CASCADE",
    ]);
  });

  it("sees a list that grew, and one that shrank", () => {
    const one = model({ options: ["fillfactor=70"] });
    const two = model({ options: ["fillfactor=70", "autovacuum_enabled=false"] });
    expect(diffSchemas(one, two).map((s) => s.sql)).toEqual(["ALTER TABLE app.orders SET (autovacuum_enabled=false)"]);
    expect(diffSchemas(two, one).map((s) => s.sql)).toEqual(["ALTER TABLE app.orders RESET (autovacuum_enabled)"]);
  });

  it("keeps objects of the same name in different schemas apart", () => {
    const after = model();
    after.schemas.billing!.tables!.invoice!.columns!.push({ name: "customer_id", type: "integer" });
    expect(diffSchemas(model(), after).map((s) => s.sql)).toEqual(["ALTER TABLE billing.invoice ADD COLUMN customer_id integer"]);
  });

  it("reads the models afresh on every call", () => {
    const before = model();
    const after = model();
    expect(diffSchemas(before, after)).toEqual([]);
    after.schemas.app!.tables!.orders!.columns!.push({ name: "note", type: "text" });
    before.schemas.billing!.tables!.invoice!.description = "sent to customers";
    // Independent statements keep the engine's order: tables (and their comments) before columns.
    expect(diffSchemas(before, after).map((s) => s.sql)).toEqual([
      "COMMENT ON TABLE billing.invoice IS NULL",
      "ALTER TABLE app.orders ADD COLUMN note text",
    ]);
  });

  it("grants nothing when only the comment of an object with privileges changes", () => {
    const before = model();
    before.schemas.app!.tables!.orders!.privileges = [{ alice: ["select"] }, { bob: ["insert", { update: { grantable: true } }] }];
    const after = model();
    after.schemas.app!.tables!.orders!.privileges = [{ alice: ["select"] }, { bob: ["insert", { update: { grantable: true } }] }];
    after.schemas.app!.tables!.orders!.description = "placed orders";
    expect(diffSchemas(before, after).map((s) => s.sql)).toEqual(["COMMENT ON TABLE app.orders IS 'placed orders'"]);
    after.schemas.app!.tables!.orders!.privileges = [{ alice: ["select", "insert"] }, { bob: ["insert"] }];
    expect(diffSchemas(before, after).map((s) => s.sql)).toEqual([
      "COMMENT ON TABLE app.orders IS 'placed orders'",
      "REVOKE UPDATE ON TABLE app.orders FROM bob",
      "GRANT INSERT ON TABLE app.orders TO alice",
    ]);
  });
});
