import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas, toSql } from "@pgvc/diff";

const empty: Database = { schemas: {} };

function shop(extra: Partial<Database["schemas"][string]> = {}): Database {
  return {
    schemas: {
      app: {
        tables: {
          customer: {
            columns: [
              { name: "id", type: "integer", not_null: true },
              { name: "name", type: "text" },
            ],
            primary_key: { customer_pkey: { columns: ["id"] } },
          },
          orders: {
            columns: [
              { name: "id", type: "integer", not_null: true },
              { name: "customer_id", type: "integer" },
            ],
            foreign_keys: {
              orders_customer_fk: { columns: ["customer_id"], references: { schema: "app", table: "customer", columns: ["id"] } },
            },
          },
        },
        ...extra,
      },
    },
  };
}

describe("diffSchemas", () => {
  it("creates a schema, its tables, then the foreign key", () => {
    const sql = diffSchemas(empty, shop()).map((s) => s.sql);
    expect(sql).toEqual([
      "CREATE SCHEMA app",
      "CREATE TABLE app.customer (\n    id integer NOT NULL,\n    name text,\n    CONSTRAINT customer_pkey PRIMARY KEY (id)\n)",
      "CREATE TABLE app.orders (\n    id integer NOT NULL,\n    customer_id integer\n)",
      "ALTER TABLE app.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customer(id)",
    ]);
  });

  it("gives nothing for equal models", () => {
    expect(diffSchemas(shop(), shop())).toEqual([]);
  });

  it("drops the referencing table first (its foreign key goes with it) and the schema last", () => {
    const sql = diffSchemas(shop(), empty).map((s) => s.sql);
    expect(sql).toEqual(["DROP TABLE app.orders", "DROP TABLE app.customer", "DROP SCHEMA app"]);
  });

  it("drops a foreign key before the table it references", () => {
    const after = shop();
    delete after.schemas.app!.tables!.customer;
    delete after.schemas.app!.tables!.orders!.foreign_keys;
    const sql = diffSchemas(shop(), after).map((s) => s.sql);
    expect(sql).toEqual(["ALTER TABLE app.orders DROP CONSTRAINT orders_customer_fk", "DROP TABLE app.customer"]);
  });

  it("marks a dropped table as data loss", () => {
    const statements = diffSchemas(shop(), empty);
    const drop = statements.find((s) => s.sql === "DROP TABLE app.orders");
    expect(drop?.hazards).toEqual(["data-loss"]);
  });

  it("adds a column, changes a type with USING, and writes hazards as comments", () => {
    const after = shop();
    const orders = after.schemas.app!.tables!.orders!;
    orders.columns = [
      { name: "id", type: "bigint", not_null: true },
      { name: "customer_id", type: "integer" },
      { name: "note", type: "text", default: "''::text" },
    ];
    const statements = diffSchemas(shop(), after);
    expect(statements.map((s) => s.sql)).toEqual([
      "ALTER TABLE app.orders ALTER COLUMN id TYPE bigint",
      "ALTER TABLE app.orders ADD COLUMN note text DEFAULT ''::text",
    ]);
    expect(toSql(statements, { hazards: true })).toContain(
      "-- hazards: rewrite, lock\nALTER TABLE app.orders ALTER COLUMN id TYPE bigint;",
    );
  });

  it("quotes names that need it", () => {
    const db: Database = { schemas: { "My Schema": { tables: { select: { columns: [{ name: "Col", type: "integer" }] } } } } };
    expect(diffSchemas(empty, db).map((s) => s.sql)).toEqual([
      'CREATE SCHEMA "My Schema"',
      'CREATE TABLE "My Schema"."select" (\n    "Col" integer\n)',
    ]);
  });

  it("with schemas named (-n), touches only their objects, not database-level ones", () => {
    // Introspection with -n reads no extensions, casts or languages: the YAML's must not be created.
    const target: Database = {
      ...shop(),
      extensions: { pgcrypto: { schema: "app" } },
      languages: { plperl: {} },
    };
    target.schemas.other = { tables: { t: { columns: [{ name: "id", type: "integer" }] } } };
    const sql = diffSchemas(empty, target, { schemas: ["app"] }).map((s) => s.sql);
    expect(sql.filter((s) => !s.startsWith("CREATE TABLE app.") && !s.startsWith("ALTER TABLE app."))).toEqual(["CREATE SCHEMA app"]);
    expect(sql).toHaveLength(4);
  });
});
