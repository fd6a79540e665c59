import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

export type ActionKind = "created" | "appended" | "updated" | "kept" | "refused";

/** One thing `pgvc init` did (or, with --dry-run, would do) to one file. */
export interface InitAction {
  kind: ActionKind;
  /** Repository-relative, with `/` (absolute when outside the repository). */
  path: string;
  detail: string;
  /** For a refusal: what the user can do instead, line by line. */
  instructions?: string[];
}

/**
 * The changes of one `pgvc init` run. Files are only ever created or
 * appended to, never replaced; with `dryRun` nothing is written.
 */
export class Changes {
  readonly actions: InitAction[] = [];
  /** What the user must do next, one command or step a line. */
  readonly next: string[] = [];

  constructor(
    readonly root: string,
    readonly dryRun: boolean,
  ) {}

  show(path: string): string {
    const rel = relative(this.root, path);
    return rel.startsWith("..") ? path : rel.split(sep).join("/");
  }

  create(path: string, text: string, detail: string, executable = false): void {
    if (!this.dryRun) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { flag: "wx", mode: executable ? 0o755 : 0o644 });
    }
    this.actions.push({ kind: "created", path: this.show(path), detail });
  }

  append(path: string, text: string, detail: string): void {
    if (!this.dryRun) appendFileSync(path, text);
    this.actions.push({ kind: "appended", path: this.show(path), detail });
  }

  /** Replace a file whose content this run only added to (package.json gaining keys). */
  update(path: string, text: string, detail: string): void {
    if (!this.dryRun) writeFileSync(path, text);
    this.actions.push({ kind: "updated", path: this.show(path), detail });
  }

  makeExecutable(path: string): void {
    if (!this.dryRun) chmodSync(path, 0o755);
  }

  keep(path: string, detail: string): void {
    this.actions.push({ kind: "kept", path: this.show(path), detail });
  }

  refuse(path: string, detail: string, instructions: string[]): void {
    this.actions.push({ kind: "refused", path: this.show(path), detail, instructions });
  }

  at(path: string): string {
    return join(this.root, path);
  }
}
