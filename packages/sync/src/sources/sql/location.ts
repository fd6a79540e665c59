/** Lines and columns in a file's text: 1-based, columns counted in characters (code points), as PostgreSQL counts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly firstLine = 1,
  ) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** The line and column of the character at `offset` (a UTF-16 index into the text). */
  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const start = this.starts[low] ?? 0;
    return { line: this.firstLine + low, column: codePoints(this.text.slice(start, offset)) + 1 };
  }
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Where PostgreSQL's error `position` (1-based, in characters of the statement
 * sent) falls in the file, given where the statement starts.
 */
export function positionInFile(
  statement: { text: string; line: number; column: number },
  position: number,
): { line: number; column: number } {
  let line = statement.line;
  let column = statement.column;
  let seen = 1;
  for (const ch of statement.text) {
    if (seen >= position) break;
    seen++;
    if (ch === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}
