import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { fillTables } from "../../src/authoring/rows.js";

const db = useTestDatabase("pgvc_fill");

// A schema with what makes generated rows hard: enums, domains with checks,
// chains, composite and self-referencing foreign keys, uniques, checks that
// the first values fail, identity and generated columns, a partitioned
// table, and one table no generated row can satisfy.
const schema = `
CREATE SCHEMA shop;
CREATE TYPE shop.mood AS ENUM ('happy', 'sad');
CREATE DOMAIN shop.positive AS integer CHECK (VALUE > 0);
CREATE DOMAIN shop.email AS text CHECK (VALUE ~ '^[^@\\s]+@[^@\\s]+$');
CREATE TABLE shop.customer (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email shop.email NOT NULL UNIQUE, mood shop.mood NOT NULL,
  born date, active boolean NOT NULL, tags text[] NOT NULL, profile jsonb, ip inet, token uuid NOT NULL UNIQUE);
CREATE TABLE shop.product (sku char(3) PRIMARY KEY, price numeric(10,2) NOT NULL CHECK (price > 100), qty shop.positive NOT NULL,
  weight real, created timestamptz NOT NULL, half numeric GENERATED ALWAYS AS (price / 2) STORED);
CREATE TABLE shop.orders (customer_id integer NOT NULL REFERENCES shop.customer, n integer NOT NULL,
  placed timestamp NOT NULL DEFAULT now(), PRIMARY KEY (customer_id, n));
CREATE TABLE shop.line (customer_id integer NOT NULL, n integer NOT NULL, sku char(3) NOT NULL REFERENCES shop.product,
  FOREIGN KEY (customer_id, n) REFERENCES shop.orders, UNIQUE (customer_id, n, sku));
CREATE TABLE shop.category (id serial PRIMARY KEY, parent integer REFERENCES shop.category, name text NOT NULL);
CREATE TABLE shop.event (at date NOT NULL, what text) PARTITION BY RANGE (at);
CREATE TABLE shop.event_2024 PARTITION OF shop.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE shop.impossible (v integer NOT NULL CHECK (v = -7));
`;

let client: pg.Client;

beforeAll(async () => {
  await execute(db.url, schema);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

async function count(table: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

describe("fillTables", () => {
  it("fills every table a generated row can satisfy, parents first, and names the one it cannot", async () => {
    const result = await fillTables(client, 3);
    expect(Object.fromEntries(result.rows)).toEqual({
      "shop.category": 3,
      "shop.customer": 3,
      "shop.event": 3,
      "shop.impossible": 0,
      "shop.line": 3,
      "shop.orders": 3,
      "shop.product": 3,
    });
    expect(result.unfilled.map((u) => u.table)).toEqual(["shop.impossible"]);
    expect(result.unfilled[0]?.reason).toMatch(/check constraint/);
    // The counts come from the tables themselves, not only from the report.
    expect(await count("shop.line")).toBe(3);
    expect(await count("shop.event_2024")).toBe(3);
    // price > 100 failed with 1, 2, 3 and passed with the plainer second try.
    const { rows } = await client.query<{ price: string }>("SELECT price::text FROM shop.product ORDER BY price");
    expect(rows.map((r) => r.price)).toEqual(["1000.00", "2000.00", "3000.00"]);
    // Each order line points at an existing order and product.
    const { rows: orphans } = await client.query(
      "SELECT 1 FROM shop.line l LEFT JOIN shop.orders o USING (customer_id, n) WHERE o.n IS NULL",
    );
    expect(orphans).toEqual([]);
  });

  it("leaves the session outside a transaction, its rows committed", async () => {
    const { rows } = await client.query<{ state: string }>("SELECT pg_catalog.txid_current_if_assigned() IS NULL AS state");
    expect(rows[0]?.state).toBe(true);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      const { rows: seen } = await other.query<{ n: number }>("SELECT count(*)::int AS n FROM shop.customer");
      expect(seen[0]?.n).toBeGreaterThanOrEqual(3);
    } finally {
      await other.end();
    }
  });
});
