// The dbaugment command line, without a server: help, usage errors and
// spec errors are reported before any connection is tried.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dbaugmentBin, run } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "dbaugment-cli-"));
const nowhere = "postgres://nobody@127.0.0.1:1/none";

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("dbaugment argv", () => {
  const cases: [string, string[], string, number, string][] = [
    ["--help shows the spec and examples", ["--help"], "", 0, "audit_columns: full"],
    ["a missing DBNAME is a usage error", [], "", 2, "missing required argument 'dbname'"],
    ["an unknown option is a usage error", ["--sqll", nowhere], "", 2, "unknown option '--sqll'"],
    ["a spec file that cannot be read is bad input", [nowhere, "missing.yaml"], "", 3, "cannot read the spec missing.yaml"],
    ["an empty table entry on stdin", [nowhere], "schema app:\n  table t:\n", 3, "<stdin>:2:3: table t asks for nothing"],
  ];
  it.each(cases)("%s", async (_, args, input, code, text) => {
    const result = await run(dbaugmentBin, args, input, work);
    expect(result.code).toBe(code);
    expect(code === 0 ? result.stdout : result.stderr).toContain(text);
  });

  it("reads SPEC from a file and names it in errors", async () => {
    writeFileSync(join(work, "audit.yaml"), "augmenter:\n  columns:\n    modified_timestamp:\n      nmae: updated\n");
    const result = await run(dbaugmentBin, [nowhere, "audit.yaml"], "", work);
    expect(result).toEqual({
      code: 3,
      stdout: "",
      stderr: expect.stringContaining('audit.yaml:4:7: unknown key "nmae" in column modified_timestamp (did you mean "name"?)'),
    });
  });
});
