import { InputError } from "@pgvc/core";
import {
  conformingStringsAfter,
  isCopyFromStdin,
  isRoutineDefinition,
  refusesTransactionBlock,
  transactionControl,
  type TransactionControl,
} from "./classify.js";
import { LineIndex } from "./location.js";
import { metaCommandError } from "./meta.js";
import { blockCommentEnd, dollarQuotedEnd, dollarTag, isIdentStart, lineCommentEnd, quotedEnd, wordEnd } from "./tokens.js";

/** One statement of a SQL file, as psql would send it. */
export interface SqlStatement {
  /** The statement's text as psql sends it: from its first token (or a `/* *\/` comment before it) to its semicolon. */
  text: string;
  /** 1-based line and column of its first character in the file. */
  line: number;
  column: number;
  /** For COPY ... FROM STDIN: the data lines that followed it, up to (not including) the `\.` line. */
  copyData?: string;
  /** PostgreSQL refuses to run it inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...). */
  refusesTransaction: boolean;
  /** It opens (BEGIN, START TRANSACTION) or ends (COMMIT, END, ROLLBACK, ABORT) a transaction itself. */
  transactionControl?: TransactionControl;
  /** Its leading keywords (unquoted words outside parentheses), lower-cased. */
  words: string[];
}

interface Pending {
  start: number;
  words: string[];
  parens: number;
  /** Depth of BEGIN ... END (and CASE ... END inside it) in a SQL-standard routine body. */
  blocks: number;
  /** Something but comments and the semicolon (an empty statement is not sent). */
  significant: boolean;
}

class Splitter {
  private readonly lines: LineIndex;
  private readonly out: SqlStatement[] = [];
  private conforming = true;
  private pending: Pending | undefined;
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    startLine: number,
  ) {
    this.lines = new LineIndex(text, startLine);
  }

  run(): SqlStatement[] {
    const { text } = this;
    while (this.i < text.length) {
      const ch = text[this.i] ?? "";
      if (/\s/.test(ch)) this.i++;
      else if (ch === "-" && text[this.i + 1] === "-") this.i = lineCommentEnd(text, this.i);
      else if (ch === "/" && text[this.i + 1] === "*") this.blockComment();
      else this.token(ch);
    }
    if (this.pending) this.finish(text.length);
    return this.out;
  }

  private open(): Pending {
    return (this.pending ??= { start: this.i, words: [], parens: 0, blocks: 0, significant: false });
  }

  /** psql drops `--` comments before a statement but sends a `/* *\/` comment with it. */
  private blockComment(): void {
    this.open();
    this.i = this.expect(blockCommentEnd(this.text, this.i), "comment /* without its closing */");
  }

  private token(ch: string): void {
    const p = this.open();
    const { text } = this;
    if (ch === ";" && p.parens === 0 && p.blocks === 0) {
      this.finish(this.i + 1);
      return;
    }
    p.significant = true;
    if (ch === "'") this.i = this.expect(quotedEnd(text, this.i, !this.conforming), "quoted string without its closing quote");
    else if (ch === '"') this.i = this.expect(quotedEnd(text, this.i, false), "quoted identifier without its closing double quote");
    else if (ch === "$") this.dollar();
    else if (ch === "\\") throw metaCommandError(text, this.i, this.where(this.i));
    else if (isIdentStart(ch)) this.word(p);
    else if (/[0-9]/.test(ch)) this.i = wordEnd(text, this.i);
    else {
      if (ch === "(") p.parens++;
      else if (ch === ")" && p.parens > 0) p.parens--;
      this.i++;
    }
  }

  private dollar(): void {
    const tag = dollarTag(this.text, this.i);
    if (tag === undefined) {
      this.i++;
      while (/[0-9]/.test(this.text[this.i] ?? "")) this.i++;
      return;
    }
    this.i = this.expect(dollarQuotedEnd(this.text, this.i, tag), `dollar-quoted string without its closing ${tag}`);
  }

  private word(p: Pending): void {
    const { text } = this;
    const end = wordEnd(text, this.i);
    const word = text.slice(this.i, end).toLowerCase();
    const next = text[end];
    if (next === "'" && /^[ebxn]$/.test(word)) {
      // E'...' takes backslash escapes; B'', X'', N'' quote as usual.
      this.i = this.expect(
        quotedEnd(text, end, word === "e" || (word === "n" && !this.conforming)),
        "quoted string without its closing quote",
      );
      return;
    }
    if (word === "u" && next === "&" && (text[end + 1] === "'" || text[end + 1] === '"')) {
      this.i = this.expect(quotedEnd(text, end + 1, false), "quoted string without its closing quote");
      return;
    }
    this.i = end;
    if (p.parens > 0) return;
    p.words.push(word);
    if (isRoutineDefinition(p.words)) this.routineBody(p, word);
  }

  /** psql's rule for SQL-standard bodies: BEGIN opens a block, CASE inside one too, END closes one. */
  private routineBody(p: Pending, word: string): void {
    if (word === "begin") p.blocks++;
    else if (word === "case" && p.blocks > 0) p.blocks++;
    else if (word === "end" && p.blocks > 0) p.blocks--;
  }

  private finish(end: number): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    // A last statement without its semicolon ends at its last token, as psql sends it.
    const text = end === this.text.length ? this.text.slice(p.start, end).trimEnd() : this.text.slice(p.start, end);
    this.i = end;
    if (!p.significant) return;
    const at = this.lines.at(p.start);
    const statement: SqlStatement = {
      text,
      ...at,
      refusesTransaction: refusesTransactionBlock(p.words),
      words: p.words,
    };
    const control = transactionControl(p.words);
    if (control) statement.transactionControl = control;
    if (isCopyFromStdin(p.words)) statement.copyData = this.copyData(p.start);
    this.conforming = conformingStringsAfter(text, this.conforming);
    this.out.push(statement);
  }

  /**
   * psql reads COPY data from the lines after the statement, up to a line
   * `\.`; the rest of the statement's own line must be empty.
   */
  private copyData(start: number): string {
    const { text } = this;
    const eol = text.indexOf("\n", this.i);
    const rest = text.slice(this.i, eol === -1 ? text.length : eol);
    if (!/^\s*(--.*)?$/.test(rest)) {
      throw this.error(this.i, "text after COPY ... FROM stdin; on the same line", [
        "psql reads the COPY data from the next line on: put what follows the semicolon on a line after the data's \\. line",
      ]);
    }
    const dataStart = eol === -1 ? text.length : eol + 1;
    const terminator = /^\\\.\r?$/m;
    const match = terminator.exec(text.slice(dataStart));
    if (!match) {
      throw this.error(start, "COPY ... FROM stdin data without its end", ["end the data with a line holding only \\."]);
    }
    const endOfData = dataStart + match.index;
    this.i = endOfData + match[0].length;
    return text.slice(dataStart, endOfData);
  }

  private expect(end: number | undefined, what: string): number {
    if (end === undefined) throw this.error(this.i, `${what} (the file ends first)`);
    return end;
  }

  private where(offset: number): { file: string; line: number; column: number } {
    return { file: this.file, ...this.lines.at(offset) };
  }

  private error(offset: number, message: string, hints: string[] = []): InputError {
    return new InputError(message, { location: this.where(offset), hints });
  }
}

/**
 * Split SQL text into statements the way psql does when it runs a file
 * (`psql -f`): at semicolons outside quotes, dollar quotes, comments,
 * parentheses and SQL-standard routine bodies; with COPY ... FROM stdin data
 * taken from the lines that follow. `startLine` is the file line of the
 * text's first line. Throws InputError (file:line:col) for a psql
 * meta-command or anything left unterminated.
 */
export function splitSql(text: string, file: string, startLine = 1): SqlStatement[] {
  return new Splitter(text, file, startLine).run();
}
