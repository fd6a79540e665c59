// The round-trip property over generated pairs of schemas A and B: build A
// and B from empty (the diff's own create path), diff A's database against
// B's, apply in one transaction, and require that the result reads back as B
// and that a second diff is empty.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connect, resolveConnection, type Session } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import type { Column, Database, Table } from "@pgvc/model";
import { createTestDatabase } from "@pgvc/testkit";
import { diffSchemas as diffWith, parsedExpressions, runStatements, toSql } from "@pgvc/diff";

const expressions = await parsedExpressions();
const diffSchemas = (from: Database, to: Database) => diffWith(from, to, { expressions });

const columnTypes = ["integer", "bigint", "text", "boolean", "numeric(10,2)", "character varying(20)", "date"] as const;
const defaults: Record<string, string[]> = {
  integer: ["0", "42"],
  bigint: ["7"],
  text: ["'x'::text", "''::text"],
  boolean: ["true", "false"],
  "numeric(10,2)": ["0"],
  "character varying(20)": ["'a'::character varying"],
  date: ["CURRENT_DATE"],
};

const columnArb = (name: string) =>
  fc
    .record({
      type: fc.constantFrom(...columnTypes),
      notNull: fc.boolean(),
      withDefault: fc.boolean(),
      pick: fc.nat(),
      comment: fc.option(fc.constantFrom("a note", "it's quoted"), { nil: undefined }),
    })
    .map(({ type, notNull, withDefault, pick, comment }): Column => {
      const options = defaults[type] as string[];
      const column: Column = { name, type };
      if (notNull) column.not_null = true;
      if (withDefault) column.default = options[pick % options.length];
      if (comment !== undefined) column.description = comment;
      return column;
    });

const tableArb = fc
  .record({
    columns: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e"), { minLength: 1, maxLength: 4 }),
    specs: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    indexed: fc.boolean(),
    comment: fc.option(fc.constant("a table"), { nil: undefined }),
  })
  .chain(({ columns, indexed, comment }) =>
    fc.tuple(...columns.map((c) => columnArb(c))).map((cols): Table => {
      const table: Table = {
        columns: [{ name: "id", type: "integer", not_null: true }, ...cols],
      };
      if (comment !== undefined) table.description = comment;
      if (indexed) table.indexes = { [`idx_${cols[0]!.name}`]: { keys: [cols[0]!.name] } };
      return table;
    }),
  );

const schemaArb: fc.Arbitrary<Database> = fc
  .record({
    tables: fc.dictionary(fc.constantFrom("t1", "t2", "t3", "t4"), tableArb, { maxKeys: 3 }),
    labels: fc.option(fc.uniqueArray(fc.constantFrom("low", "mid", "high", "max"), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    fk: fc.boolean(),
  })
  .map(({ tables, labels, fk }) => {
    const names = Object.keys(tables).sort();
    for (const name of names) tables[name]!.primary_key = { [`${name}_pkey`]: { columns: ["id"] } };
    if (fk && names.length >= 2) {
      const [target, source] = [names[0]!, names[1]!];
      tables[source]!.columns!.push({ name: `${target}_id`, type: "integer" });
      tables[source]!.foreign_keys = {
        [`${source}_${target}_fk`]: { columns: [`${target}_id`], references: { schema: "app", table: target, columns: ["id"] } },
      };
    }
    const db: Database = { schemas: { app: { tables } } };
    if (labels) db.schemas.app!.types = { level: { labels } };
    return db;
  });

async function reset(session: Session): Promise<void> {
  await session.query("DROP SCHEMA IF EXISTS app CASCADE");
}

async function build(session: Session, model: Database): Promise<Database> {
  await reset(session);
  const current = await introspect(session);
  await session.query("BEGIN");
  await runStatements(session, diffSchemas(current, model));
  await session.query("COMMIT");
  return introspect(session);
}

describe("diffSchemas round trip over generated schemas", () => {
  it("applying diff(A, B) to A gives B, and a second diff is empty", async () => {
    const [dbA, dbB] = [await createTestDatabase("pgvc_prop"), await createTestDatabase("pgvc_prop")];
    const [a, b] = [await connect(resolveConnection({ dbname: dbA.url })), await connect(resolveConnection({ dbname: dbB.url }))];
    try {
      await fc.assert(
        fc.asyncProperty(schemaArb, schemaArb, async (modelA, modelB) => {
          const from = await build(a, modelA);
          const to = await build(b, modelB);
          expect(toSql(diffSchemas(to, modelB)), "B builds as generated").toBe("");
          const statements = diffSchemas(from, to);
          await a.query("BEGIN");
          try {
            await runStatements(a, statements);
            await a.query("COMMIT");
          } catch (error) {
            await a.query("ROLLBACK");
            throw new Error(`${(error as Error).message}\n${toSql(statements)}`, { cause: error });
          }
          const result = await introspect(a);
          expect(toSql(diffSchemas(result, to)), toSql(statements)).toBe("");
        }),
        { numRuns: 25, seed: 20261126, endOnFailure: true },
      );
    } finally {
      await a.close();
      await b.close();
      await dbA.drop();
      await dbB.drop();
    }
  }, 600_000);
});
