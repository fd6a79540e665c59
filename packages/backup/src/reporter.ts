import { stderrIsInteractive } from "@pgvc/core";

/** Where the library tells what it is doing. Commands print it on stderr. */
export interface Reporter {
  /** A step done or a state changed: always worth a line. */
  info(message: string): void;
  /** How far a long step has got: may be overwritten or shown only now and then. */
  progress(message: string): void;
}

export const silentReporter: Reporter = { info: () => undefined, progress: () => undefined };

/**
 * Messages on stderr, prefixed by the program name. On a terminal progress
 * rewrites one line; elsewhere (logs, CI) it shows at most every 10 seconds.
 */
export function stderrReporter(program: string, stream: NodeJS.WriteStream = process.stderr): Reporter {
  const live = stream === process.stderr ? stderrIsInteractive() : Boolean(stream.isTTY);
  let progressShown = false;
  let lastLogged = 0;
  return {
    info(message) {
      if (progressShown) stream.write("\r\x1b[2K");
      progressShown = false;
      stream.write(`${program}: ${message}\n`);
    },
    progress(message) {
      if (live) {
        stream.write(`\r\x1b[2K${program}: ${message}`.slice(0, (stream.columns || 100) + 5));
        progressShown = true;
        return;
      }
      const now = Date.now();
      if (now - lastLogged < 10_000) return;
      lastLogged = now;
      stream.write(`${program}: ${message}\n`);
    },
  };
}

/** `12.3 MB` */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
