import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import packageImports, { architectureLayers, declaredDependencies } from "../scripts/eslint-package-imports.mjs";

// The import rules `npm run lint` enforces: the diagram in docs/architecture.md
// is whole and acyclic, every package.json keeps to it, and the rule refuses
// each form of a bad import.
const root = resolve(import.meta.dirname, "..");
const layers = architectureLayers(readFileSync(join(root, "docs/architecture.md"), "utf8"));
const packages = readdirSync(join(root, "packages")).map((dir) => ({
  dir,
  manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as { name: string },
}));

function cycleFrom(name: string, path: string[] = []): string[] | undefined {
  if (path.includes(name)) return [...path, name];
  for (const next of layers.get(name) ?? []) {
    const cycle = cycleFrom(next, [...path, name]);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("docs/architecture.md's diagram", () => {
  it("has a line for every package and names only packages that exist", () => {
    const names = packages.map((p) => p.manifest.name).sort();
    expect([...layers.keys()].sort()).toEqual(names);
    for (const allowed of layers.values()) for (const name of allowed) expect(names).toContain(name);
  });

  it("has no cycle", () => {
    for (const name of layers.keys()) expect(cycleFrom(name)).toBeUndefined();
  });

  it("allows every pgvc package a package.json declares", () => {
    for (const { manifest } of packages) {
      const declared = [...declaredDependencies(manifest)].filter((d) => d.startsWith("@pgvc/"));
      expect({ [manifest.name]: declared.filter((d) => !layers.get(manifest.name)?.includes(d)) }).toEqual({ [manifest.name]: [] });
    }
  });
});

describe("pgvc/package-imports", () => {
  const linter = new Linter({ configType: "flat" });
  const config = [
    {
      files: ["**/*.ts"],
      plugins: { pgvc: packageImports },
      languageOptions: { parser: tseslint.parser },
      rules: { "pgvc/package-imports": "error" as const },
    },
  ];
  const problems = (dir: string, code: string) =>
    linter.verify(code, config, { filename: join(root, "packages", dir, "src/sample.ts") }).map((m) => `${m.line}: ${m.message}`);

  it("refuses an undeclared package, one against the arrows, and a path into another package, in every import form", () => {
    const code = [
      'import { quoteIdent } from "@pgvc/core";',
      'import "yaml";',
      'export { x } from "../../yaml/src/index.js";',
      'export type T = import("pg").Client;',
      'export const f = () => import("commander");',
      'export * from "yaml/util";',
      'const r = require("pg");',
    ].join("\n");
    expect(problems("model", code)).toEqual([
      "1: @pgvc/model may not import @pgvc/core: docs/architecture.md lets it import no other pgvc package",
      '2: "yaml" is not a dependency of @pgvc/model: declare it in packages/model/package.json',
      '3: "../../yaml/src/index.js" reaches outside packages/model: import the package by its name instead',
      '4: "pg" is not a dependency of @pgvc/model: declare it in packages/model/package.json',
      '5: "commander" is not a dependency of @pgvc/model: declare it in packages/model/package.json',
      '6: "yaml" is not a dependency of @pgvc/model: declare it in packages/model/package.json',
      '7: "pg" is not a dependency of @pgvc/model: declare it in packages/model/package.json',
    ]);
  });

  it("refuses a pgvc package against the arrows by what the diagram allows", () => {
    expect(problems("introspect", 'export const d = () => import("@pgvc/diff");')).toEqual([
      "1: @pgvc/introspect may not import @pgvc/diff: docs/architecture.md lets it import @pgvc/yaml, @pgvc/model, @pgvc/core",
    ]);
  });

  it("accepts declared packages, their subpaths, node's modules and paths inside the package", () => {
    const code = [
      'import { parse } from "yaml";',
      'import { Scalar } from "yaml/util";',
      'import "node:fs";',
      'import "path";',
      'import "./kinds/x.js";',
      'import "../src/y.js";',
      'import type { Database } from "@pgvc/model";',
    ];
    expect(problems("yaml", code.join("\n"))).toEqual([]);
  });
});
