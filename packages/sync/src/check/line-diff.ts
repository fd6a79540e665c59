/** One line of a comparison: in both, only in the first text (`-`), or only in the second (`+`). */
export interface DiffLine {
  sign: " " | "-" | "+";
  text: string;
}

/** Past this many cells the table of common subsequences is not built: the texts are shown whole. */
const largest = 4_000_000;

/**
 * The lines of `a` and `b` aligned on their longest common subsequence
 * (the usual line diff), for showing how an object's YAML differs.
 */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = splitLines(a);
  const y = splitLines(b);
  if (x.length * y.length > largest)
    return [...x.map((text) => ({ sign: "-" as const, text })), ...y.map((text) => ({ sign: "+" as const, text }))];
  // lengths[i][j]: the longest common subsequence of x[i..] and y[j..].
  const lengths = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    const row = lengths[i] as Uint32Array;
    const below = lengths[i + 1] as Uint32Array;
    for (let j = y.length - 1; j >= 0; j--)
      row[j] = x[i] === y[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      out.push({ sign: " ", text: x[i++] as string });
      j++;
    } else if (i < x.length && (j === y.length || (lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0))) {
      out.push({ sign: "-", text: x[i++] as string });
    } else {
      out.push({ sign: "+", text: y[j++] as string });
    }
  }
  return out;
}

/** The diff as text, unchanged runs longer than `2 * context` cut to their ends. */
export function formatDiff(lines: readonly DiffLine[], context = 3): string {
  const out: string[] = [];
  let run: DiffLine[] = [];
  const flush = (atEnd: boolean, atStart: boolean) => {
    const head = atStart ? [] : run.slice(0, context);
    const tail = atEnd ? [] : run.slice(-context);
    if (head.length + tail.length < run.length) out.push(...head.map(show), "  ...", ...tail.map(show));
    else out.push(...run.map(show));
    run = [];
  };
  for (const line of lines) {
    if (line.sign === " ") {
      run.push(line);
      continue;
    }
    flush(false, out.length === 0);
    out.push(show(line));
  }
  flush(true, out.length === 0);
  return out.join("\n");
}

function show(line: DiffLine): string {
  return `${line.sign} ${line.text}`;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
