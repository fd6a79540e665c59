// ALTER SEQUENCE ... OWNED BY needs the sequence and the table owned by the
// same role ("sequence must have same owner as table"): it comes after both
// owners are set, whatever order the ALTER ... OWNER statements take.
import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas } from "@pgvc/diff";

function model(tableOwner: string, sequenceOwner: string, ownedBy: boolean): Database {
  return {
    schemas: {
      app: {
        tables: {
          ledger: {
            owner: tableOwner,
            columns: [{ name: "id", type: "bigint", not_null: true, default: "nextval('app.ledger_id_seq'::regclass)" }],
          },
        },
        sequences: {
          ledger_id_seq: {
            owner: sequenceOwner,
            start_value: 1,
            increment_by: 1,
            min_value: null,
            max_value: null,
            cache_value: 1,
            ...(ownedBy ? { owner_table: "ledger", owner_column: "id" } : {}),
          },
        },
      },
    },
  };
}

const at = (sql: string[], start: string) => sql.findIndex((s) => s.startsWith(start));

describe("a sequence owned by a column", () => {
  it.each([["from empty"], ["owned by the column later"]])("%s: OWNED BY comes after both owners are set", (how) => {
    const from: Database = how === "from empty" ? { schemas: { app: {} } } : model("postgres", "postgres", false);
    const sql = diffSchemas(from, model("app_owner", "app_owner", true), { owners: true }).map((s) => s.sql);
    const ownedBy = at(sql, "ALTER SEQUENCE app.ledger_id_seq OWNED BY app.ledger.id");
    expect(ownedBy).toBeGreaterThan(at(sql, "ALTER TABLE app.ledger OWNER TO app_owner"));
    expect(ownedBy).toBeGreaterThan(at(sql, "ALTER SEQUENCE app.ledger_id_seq OWNER TO app_owner"));
    expect(at(sql, "ALTER TABLE app.ledger OWNER TO app_owner")).toBeGreaterThanOrEqual(0);
  });
});
