import { Command, CommanderError, Option } from "commander";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { styleText } from "node:util";
import { DatabaseError, ExitCode, PgvcError, UsageError } from "./errors.js";
import { redactConnectionString } from "./redact.js";
import { sourceMappedStack } from "./stack.js";
import type { ConnectionOptions } from "./connection.js";

/** Render an error for stderr: message, hints, the failing statement, the cause chain. */
export function formatError(program: string, error: unknown, stream: NodeJS.WriteStream = process.stderr): string {
  const red = (s: string) => (stream.isTTY ? styleText("red", s) : s);
  if (!(error instanceof PgvcError)) {
    const detail = error instanceof Error ? (error.stack === undefined ? error.message : sourceMappedStack(error.stack)) : String(error);
    return [
      `${program}: ${red("internal error")}: ${redactConnectionString(detail)}`,
      "This is a bug in pgvc. Please report it with the command you ran and this message.",
    ].join("\n");
  }
  const lines = [`${program}: ${red("error")}: ${redactConnectionString(error.message)}`];
  for (const hint of error.hints) lines.push(`  ${redactConnectionString(hint)}`);
  if (error instanceof DatabaseError && error.statement) {
    const statement = error.statement.length > 2000 ? `${error.statement.slice(0, 2000)}…` : error.statement;
    lines.push(`  statement: ${statement.trim().replace(/\n/g, "\n    ")}`);
  }
  return lines.join("\n");
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof PgvcError) return error.exitCode;
  return ExitCode.internal;
}

/**
 * The one boundary of a CLI: run `main`, map what it throws to an exit code
 * and a message on stderr. `main` returns the exit code of a normal run.
 */
export async function runCli(program: string, main: () => Promise<number>): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: that ends the
  // output, it is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
  try {
    process.exitCode = await main();
  } catch (error) {
    const code = exitCodeOf(error);
    if (!(error instanceof CommanderError)) process.stderr.write(`${formatError(program, error)}\n`);
    process.exitCode = code;
  }
}

/**
 * A commander program set up the pgvc way: usage problems become
 * exceptions with exit code 2, help and --version exit 0.
 */
export function createProgram(name: string, description: string, version: string): Command {
  return new Command(name)
    .description(description)
    .version(version, "--version", "print the version and exit")
    .helpOption("-?, --help", "show this help and exit")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** psql-style connection flags: -H/--host, -p/--port, -U/--username, -W/--password. */
export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option("-H, --host <host>", "database server host or socket directory (PGHOST)"))
    .addOption(new Option("-p, --port <port>", "database server port (PGPORT)"))
    .addOption(new Option("-U, --username <user>", "database user name (PGUSER)"))
    .addOption(new Option("-W, --password", "prompt for the password (else PGPASSWORD or ~/.pgpass)"));
}

interface ConnectionFlags {
  host?: string;
  port?: string;
  username?: string;
  password?: boolean;
}

/** Connection options from parsed flags, prompting for the password when -W was given. */
export async function connectionFromFlags(flags: ConnectionFlags, dbname: string | undefined): Promise<ConnectionOptions> {
  const password = flags.password ? await promptPassword("Password: ") : undefined;
  return { dbname, host: flags.host, port: flags.port, username: flags.username, password };
}

/** Ask for a password on the terminal without echoing it. */
export async function promptPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UsageError("-W/--password needs a terminal to prompt on", {
      hints: ["set PGPASSWORD or use ~/.pgpass in scripts"],
    });
  }
  process.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question("", resolve));
  } finally {
    rl.close();
    process.stderr.write("\n");
  }
}

/** Is stderr a terminal (progress lines and spinners only go there)? */
export function stderrIsInteractive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}
