// The benchmark's tables (stdout) and its verdict against the targets.

const mb = (kb) => kb / 1024;

function seconds(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(3)} s`;
}

function size(bytes) {
  if (bytes === undefined) return "";
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

function pad(cells, widths) {
  return cells
    .map((cell, i) => String(cell).padEnd(widths[i]))
    .join("  ")
    .trimEnd();
}

function baseline(result) {
  return result.rows.find((row) => row.name.startsWith("pg_dump") && row.ok);
}

/** One table for one schema size. */
export function printSize(result) {
  const base = baseline(result);
  const header = ["step", "median", "x pg_dump", "peak RSS", "output", "note"];
  const lines = result.rows.map((row) => {
    if (!row.ok) return [row.name, "failed", "", "", "", row.error ?? ""];
    const ratio = base && !row.inProcess ? (row.ms / base.ms).toFixed(2) : "";
    const rss = row.inProcess ? "in-process" : `${mb(row.rssKb).toFixed(0)} MB`;
    return [row.name, seconds(row.ms), ratio, rss, size(row.outputBytes), row.note ?? ""];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const out = [
    "",
    `N = ${result.n} tables (${result.statements} statements, loaded in ${seconds(result.loadMs)})`,
    pad(header, widths),
    pad(
      widths.map((w) => "-".repeat(w)),
      widths,
    ),
    ...lines.map((l) => pad(l, widths)),
  ];
  process.stdout.write(out.join("\n") + "\n");
}

function row(results, n, name) {
  return results.find((r) => r.n === n)?.rows.find((r) => r.name === name && r.ok);
}

function ratioTarget(results, n, name, limit) {
  const tool = row(results, n, name);
  const base = results.find((r) => r.n === n) && baseline(results.find((r) => r.n === n));
  const target = `${name} <= ${limit.toFixed(1)}x pg_dump at N=${n}`;
  if (!tool || !base) return { target, status: "not measured" };
  const ratio = tool.ms / base.ms;
  return { target, status: ratio <= limit ? "met" : "missed", value: `${ratio.toFixed(2)}x` };
}

/** The targets of bench/README.md, each met, missed or not measured. */
export function evaluateTargets(results) {
  const sizes = results.map((r) => r.n);
  const targets = [];
  for (const n of [2000, 10000]) targets.push(ratioTarget(results, n, "dbtoyaml", 1.0));
  for (const n of sizes) targets.push(ratioTarget(results, n, "yamltodb no-op", 1.5));
  for (const name of ["dbtoyaml", "yamltodb no-op", "yamltodb from empty"]) {
    const tool = row(results, 10000, name);
    const target = `${name} peak RSS <= 300 MB at N=10000`;
    targets.push(
      tool
        ? { target, status: mb(tool.rssKb) <= 300 ? "met" : "missed", value: `${mb(tool.rssKb).toFixed(0)} MB` }
        : { target, status: "not measured" },
    );
  }
  for (const name of ["diff in memory: identical models", "diff in memory: 5% changed"]) {
    const diff = row(results, 10000, name);
    const target = `${name} < 1 s at N=10000`;
    targets.push(
      diff ? { target, status: diff.ms < 1000 ? "met" : "missed", value: seconds(diff.ms) } : { target, status: "not measured" },
    );
  }
  return targets;
}

export function printSummary(results) {
  const targets = evaluateTargets(results);
  const width = Math.max(...targets.map((t) => t.target.length));
  const lines = ["", "Targets", ...targets.map((t) => `  ${t.target.padEnd(width)}  ${t.status.padEnd(12)} ${t.value ?? ""}`.trimEnd())];
  process.stdout.write(lines.join("\n") + "\n");
  return targets;
}
