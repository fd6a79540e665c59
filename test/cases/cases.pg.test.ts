// Checks the fixture library itself: every case folder is well-formed, both of
// its sides build on this server, and they really differ in the catalog. The
// diff and introspection suites add the "diff, apply, converge" assertions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { execute, testServerUrl } from "@pgvc/testkit";
import { buildCaseDatabase, caseJsonProblems, casesDir, catalogFingerprint, listCaseFolders, readCase, serverMajor, settingsFingerprint } from "./index.js";

const major = await serverMajor(testServerUrl());
const folders = listCaseFolders();

it("finds the case folders", () => {
  // One folder per hard change (README.md), several where one pitfall takes several changes to show.
  expect(folders.length).toBeGreaterThanOrEqual(60);
});

describe.concurrent.each(folders)("%s", (name) => {
  it("has a well-formed case.json", () => {
    const json: unknown = JSON.parse(readFileSync(join(casesDir, name, "case.json"), "utf8"));
    expect(caseJsonProblems(json)).toEqual([]);
  });

  const kase = readCase(name);
  const timeout = kase.slow ? 600_000 : 60_000;
  it.skipIf(kase.minVersion > major)(`builds before and after on PostgreSQL ${major}, and they differ`, async () => {
    const before = await buildCaseDatabase(kase, "before");
    try {
      const after = await buildCaseDatabase(kase, "after");
      try {
        const lines = async (url: string) => [...(await catalogFingerprint(url)), ...(await settingsFingerprint(url))];
        const [beforeLines, afterLines] = await Promise.all([lines(before.url), lines(after.url)]);
        expect(beforeLines.length).toBeGreaterThan(0);
        expect(afterLines).not.toEqual(beforeLines);
        if (kase.afterData) {
          // The query must at least run on the "after" side (its rows come from the migrated "before" side).
          await expect(execute(after.url, kase.afterData)).resolves.toBeDefined();
        }
      } finally {
        await after.drop();
      }
    } finally {
      await before.drop();
    }
  }, timeout);
});
