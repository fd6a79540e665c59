// Bundle each command of the package in the current directory into one file,
// dist/bundle/NAME.js, from the module its bin names in dist/cli/. Run by the
// package's build after tsc. A command loaded from ~150 modules spent over
// 100 ms of every run resolving and compiling them; one file takes a third of
// that. The libraries (dist/index.js) stay as tsc writes them.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const binDir = "bin";
const entries = {};
for (const file of readdirSync(binDir)) {
  const text = readFileSync(join(binDir, file), "utf8");
  const match = /import "\.\.\/dist\/bundle\/([\w-]+)\.js";/.exec(text);
  if (match) entries[match[1]] = `dist/cli/${match[1]}.js`;
}
if (Object.keys(entries).length === 0) {
  console.error(`bundle: no bin in ${join(process.cwd(), binDir)} imports ../dist/bundle/NAME.js`);
  process.exit(1);
}

await build({
  entryPoints: entries,
  outdir: "dist/bundle",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // The SQL parser finds its WebAssembly file next to its own module; the
  // optional native and edge-runtime drivers of pg are never loaded.
  external: ["libpg-query", "pg-native", "pg-cloudflare"],
  // CommonJS dependencies (pg) call require(), which an ES module lacks.
  banner: { js: 'import { createRequire as pgvcCreateRequire } from "node:module"; const require = pgvcCreateRequire(import.meta.url);' },
  // The bundle sits at the same depth as dist/cli, so paths such as ../../package.json still resolve.
  // NAME.js.map leads back through tsc's maps to src/*.ts; an internal error's stack is mapped
  // with it when printed (sourceMappedStack in @pgvc/core), so nothing reads it on a normal run.
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
});
