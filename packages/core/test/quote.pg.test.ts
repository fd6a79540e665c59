import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuotingKeyword, quoteIdent, quoteLiteral, qualifiedName } from "@pgvc/core";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";

const db = useTestDatabase();

describe("quoteIdent", () => {
  it.each([
    ["orders", "orders"],
    ["Orders", '"Orders"'],
    ["order", '"order"'],
    ["my table", '"my table"'],
    ['say "hi"', '"say ""hi"""'],
    ["_x1", "_x1"],
    ["a$b", '"a$b"'],
    ["1abc", '"1abc"'],
    ["user", '"user"'],
    ["integer", '"integer"'],
    ["name", "name"],
  ])("%s -> %s", (input, expected) => {
    expect(quoteIdent(input)).toBe(expected);
  });

  it("rejects an empty name", () => {
    expect(() => quoteIdent("")).toThrow(/empty/);
  });

  it("qualifies with the schema", () => {
    expect(qualifiedName("My Schema", "t")).toBe('"My Schema".t');
  });

  it("agrees with the server's quote_ident for any name", async () => {
    const names = fc.sample(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\0")),
        fc.constantFrom("select", "from", "table", "json", "Abc", "a b", 'q"q', "über", "x-y"),
      ),
      { numRuns: 200, seed: 42 },
    );
    const [result] = await execute(
      db.url,
      `SELECT n, pg_catalog.quote_ident(n) AS q FROM pg_catalog.unnest(ARRAY[${names.map(quoteLiteral).join(",")}]::text[]) AS n`,
    );
    // Words that only newer servers reserve (json on 14 to 16) are quoted on every server, harmlessly.
    const [own] = await execute(db.url, "SELECT word FROM pg_catalog.pg_get_keywords() WHERE catcode <> 'U'");
    const serverKeywords = new Set((own!.rows as { word: string }[]).map((r) => r.word));
    for (const row of result!.rows as { n: string; q: string }[]) {
      const expected = isQuotingKeyword(row.n) && !serverKeywords.has(row.n) ? `"${row.n}"` : row.q;
      expect(quoteIdent(row.n), row.n).toBe(expected);
    }
  });
});

describe("quoteLiteral", () => {
  it.each([
    ["plain", "'plain'"],
    ["it's", "'it''s'"],
    ["a\\b", "E'a\\\\b'"],
    ["", "''"],
  ])("%j -> %s", (input, expected) => {
    expect(quoteLiteral(input)).toBe(expected);
  });

  it("round-trips any text through the server", async () => {
    const values = fc.sample(
      fc.string({ maxLength: 20 }).filter((s) => !s.includes("\0")),
      { numRuns: 200, seed: 7 },
    );
    const [result] = await execute(db.url, `SELECT ARRAY[${values.map(quoteLiteral).join(",")}]::text[] AS v`);
    expect((result!.rows[0] as { v: string[] }).v).toEqual(values);
  });
});
