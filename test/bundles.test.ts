import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceMappedStack } from "@pgvc/core";

// Each command runs from one bundle (scripts/bundle.mjs). An internal error
// prints its stack through the bundle's source map, so that it points into
// src/*.ts; this holds the chain (tsc's maps, esbuild's, the mapping) to it.
const root = resolve(import.meta.dirname, "..");
const bundles = readdirSync(join(root, "packages")).flatMap((name) => {
  const bin = join(root, "packages", name, "bin");
  if (!existsSync(bin)) return [];
  return readdirSync(bin).flatMap((file) => {
    const match = /import "\.\.\/dist\/bundle\/([\w-]+)\.js";/.exec(readFileSync(join(bin, file), "utf8"));
    return match ? [join(root, "packages", name, "dist", "bundle", `${match[1]}.js`)] : [];
  });
});

/** The 1-based line and column of `text` in `file`'s first line that contains it. */
function position(file: string, text: string): [number, number] {
  const lines = readFileSync(file, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  expect(line, `${text} in ${file}`).toBeGreaterThanOrEqual(0);
  return [line + 1, (lines[line] as string).indexOf(text) + 1];
}

describe("the command bundles", () => {
  it("are found for the bins", () => {
    expect(bundles.length).toBeGreaterThanOrEqual(10);
  });

  it("have a source map each", () => {
    expect(bundles.filter((bundle) => !existsSync(`${bundle}.map`))).toEqual([]);
  });

  // One bundle per package: reading a map costs a second under load, and they are all made alike.
  const onePerPackage = [...new Map(bundles.map((bundle) => [bundle.split("/dist/")[0], bundle])).values()];
  it.each(onePerPackage)("%s: a frame in it maps to src", (bundle) => {
    // formatError (packages/core/src/cli.ts) is in every bundle: the boundary that prints internal errors.
    const [line, column] = position(bundle, "function formatError(");
    const frame = `Error: boom\n    at formatError (file://${bundle}:${line}:${column + "function ".length})`;
    const [srcLine, srcColumn] = position(join(root, "packages/core/src/cli.ts"), "formatError(");
    expect(sourceMappedStack(frame)).toBe(
      `Error: boom\n    at formatError (${join(root, "packages/core/src/cli.ts")}:${srcLine}:${srcColumn})`,
    );
  });

  it("leave a frame without a map as it was", () => {
    const stack = "Error: boom\n    at f (file:///nowhere/dist/bundle/x.js:1:2)\n    at g (node:internal/process:3:4)";
    expect(sourceMappedStack(stack)).toBe(stack);
  });
});
