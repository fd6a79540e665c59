/**
 * Lines and columns in a file's text: 1-based, columns counted in characters
 * (code points), as PostgreSQL counts. Offsets are mostly asked in
 * increasing order, so it counts newlines on from the last answer.
 */
export class LineIndex {
  private offset = 0;
  private line: number;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly firstLine = 1,
  ) {
    this.line = firstLine;
  }

  /** The line and column of the character at `offset` (a UTF-16 index into the text). */
  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) [this.offset, this.line, this.lineStart] = [0, this.firstLine, 0];
    for (let nl = this.text.indexOf("\n", this.offset); nl !== -1 && nl < offset; nl = this.text.indexOf("\n", nl + 1)) {
      this.line++;
      this.lineStart = nl + 1;
    }
    this.offset = offset;
    return { line: this.line, column: codePoints(this.text.slice(this.lineStart, offset)) + 1 };
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
