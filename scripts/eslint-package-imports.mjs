// The eslint rule `pgvc/package-imports`: a package's sources import only what
// its package.json declares, and of pgvc's own packages only those its line in
// docs/architecture.md names after `->`; a relative import stays inside the
// package. Every form counts: import and export ... from, import(), import("x").T
// and require(). The rule reads the package.json files and the diagram itself,
// so the only lists are the ones a reader already sees.
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(import.meta.dirname, "..");
const builtins = new Set(builtinModules);

/**
 * The pgvc packages each package may import, read from the diagram's lines
 * `@pgvc/NAME   what it owns   -> a, b (why), c` (no arrow, or `-> nothing`: none).
 */
export function architectureLayers(text) {
  const layers = new Map();
  for (const line of text.split("\n")) {
    const match = /^@pgvc\/([\w-]+)\s/.exec(line);
    if (!match) continue;
    const arrow = line.lastIndexOf("->");
    const names = arrow < 0 ? "" : line.slice(arrow + 2).replace(/\([^)]*\)/g, "");
    const allowed = names
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "" && n !== "nothing");
    layers.set(
      `@pgvc/${match[1]}`,
      allowed.map((n) => `@pgvc/${n}`),
    );
  }
  return layers;
}

/** The names a package.json lets its package import. */
export function declaredDependencies(manifest) {
  const { dependencies = {}, peerDependencies = {}, optionalDependencies = {} } = manifest;
  return new Set([...Object.keys(dependencies), ...Object.keys(peerDependencies), ...Object.keys(optionalDependencies)]);
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
export function packageOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const cache = new Map();
function cached(key, load) {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** What is wrong with importing `specifier` from `file` of the package in `packageDir`, or undefined. */
export function importProblem(specifier, file, packageDir, layers) {
  if (specifier.startsWith(".")) {
    const target = resolve(dirname(file), specifier);
    return relative(packageDir, target).startsWith("..")
      ? `"${specifier}" reaches outside ${relative(root, packageDir)}: import the package by its name instead`
      : undefined;
  }
  if (specifier.startsWith("node:") || builtins.has(specifier)) return undefined;
  const manifest = cached(join(packageDir, "package.json"), () => readJson(join(packageDir, "package.json")));
  const name = packageOf(specifier);
  const self = manifest.name;
  if (name.startsWith("@pgvc/") && name !== self) {
    const allowed = layers.get(self);
    if (allowed === undefined) return `${self} has no line in docs/architecture.md's diagram: add one that says what it may import`;
    if (!allowed.includes(name))
      return `${self} may not import ${name}: docs/architecture.md lets it import ${allowed.join(", ") || "no other pgvc package"}`;
  }
  if (declaredDependencies(manifest).has(name)) return undefined;
  return `"${name}" is not a dependency of ${self}: declare it in ${relative(root, join(packageDir, "package.json"))}`;
}

function packageDirOf(file) {
  const parts = relative(root, file).split(sep);
  return parts[0] === "packages" && parts[2] === "src" ? join(root, parts[0], parts[1]) : undefined;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "a package imports only its declared dependencies, in the direction docs/architecture.md allows" },
    schema: [],
  },
  create(context) {
    const packageDir = packageDirOf(context.filename);
    if (packageDir === undefined) return {};
    const layers = cached("layers", () => architectureLayers(readFileSync(join(root, "docs/architecture.md"), "utf8")));
    const check = (source) => {
      if (source?.type !== "Literal" || typeof source.value !== "string") return;
      const problem = importProblem(source.value, context.filename, packageDir, layers);
      if (problem) context.report({ node: source, message: problem });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // typescript-eslint 8 names the string `source`; older versions, a literal type in `argument`.
      TSImportType: (node) => check("source" in node ? node.source : node.argument?.literal),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node.arguments[0]);
      },
    };
  },
};

export default { rules: { "package-imports": rule } };
