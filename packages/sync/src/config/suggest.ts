/** Edit distance between two words (insert, delete, substitute: cost 1 each). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      next.push(Math.min(substitute, (row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** ` (did you mean "x"?)` when one candidate is a likely typo of `word`, else "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const scored = candidates.map((c) => ({ c, d: distance(word.toLowerCase(), c.toLowerCase()) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  return best !== undefined && best.d <= limit ? ` (did you mean "${best.c}"?)` : "";
}
