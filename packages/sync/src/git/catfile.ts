import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { ToolError } from "@pgvc/core";

interface Pending {
  resolve(content: Buffer): void;
  reject(error: Error): void;
}

/**
 * One `git cat-file --batch` process for every blob a check reads: a
 * request is an object id on its stdin, the answer `ID TYPE SIZE\n`, the
 * bytes, and a newline. Answers come in the order of the requests.
 */
export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;

  constructor(root: string) {
    this.child = spawn("git", ["cat-file", "--batch"], { cwd: root });
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.resume();
    this.child.on("error", (cause) => this.fail(new ToolError(`cannot run git cat-file: ${cause.message}`, { cause })));
    this.child.on("close", () => this.fail(new ToolError("git cat-file --batch ended before answering")));
    this.child.stdin.on("error", () => undefined);
  }

  read(id: string): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${id}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const closed = new Promise<void>((resolve) => this.child.once("close", () => resolve()));
    this.child.stdin.end();
    await closed;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const eol = this.buffer.indexOf(10);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString("utf8");
      const next = this.pending[0];
      if (header.endsWith(" missing")) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.pending.shift();
        next?.reject(new ToolError(`git has no object ${header.split(" ")[0]}`));
        continue;
      }
      const size = Number(header.split(" ")[2]);
      if (this.buffer.length < eol + 1 + size + 1) return;
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      this.pending.shift();
      next?.resolve(content);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.splice(0)) p.reject(error);
  }
}
