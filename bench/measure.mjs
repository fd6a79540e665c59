// Running a command several times and reading its wall-clock time and peak
// resident memory. Peak RSS comes from GNU time (`%M`, the kernel's ru_maxrss
// of the child) when /usr/bin/time exists; otherwise from polling the child's
// VmHWM in /proc every 20 ms, which can miss a final spike (a lower bound).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setInterval, clearInterval } from "node:timers";

const gnuTime = "/usr/bin/time";

export const rssMethod = existsSync(gnuTime) ? "GNU time %M (ru_maxrss)" : "VmHWM polled every 20 ms (a lower bound)";

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function readHwmKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Run `command args` once, stdout to `stdoutFile` (or discarded).
 * Resolves { ms, rssKb, code, stderr }.
 */
export function runOnce(command, args, { stdoutFile, env } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), "pgvc-bench-"));
  const rssFile = join(scratch, "rss");
  const useTime = existsSync(gnuTime);
  const [file, argv] = useTime ? [gnuTime, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, args];
  const out = stdoutFile ? openSync(stdoutFile, "w") : "ignore";
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { stdio: ["ignore", out, "pipe"], env: env ?? process.env });
    let stderr = "";
    let hwm = 0;
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const poll = useTime ? undefined : setInterval(() => (hwm = Math.max(hwm, readHwmKb(child.pid))), 20);
    child.on("error", (error) => {
      if (poll) clearInterval(poll);
      if (typeof out === "number") closeSync(out);
      rmSync(scratch, { recursive: true, force: true });
      reject(error);
    });
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      if (typeof out === "number") closeSync(out);
      let rssKb = hwm;
      if (useTime) {
        // GNU time writes "Command exited with non-zero status N" before the value on failure.
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        rssKb = Number(lines[lines.length - 1]) || 0;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ ms, rssKb, code, stderr });
    });
  });
}

/** The line of a tool's stderr that says what went wrong, shortened. */
function firstError(stderr) {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const line = lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? "(no message)";
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/**
 * Run a command `runs` times; the time is the median, the peak RSS the
 * largest seen. `okCodes` lists the exit codes that count as success.
 */
export async function measure(command, args, { runs = 5, okCodes = [0], stdoutFile, env } = {}) {
  const times = [];
  let rssKb = 0;
  for (let run = 0; run < runs; run++) {
    const result = await runOnce(command, args, { stdoutFile, env });
    if (!okCodes.includes(result.code)) {
      return { ok: false, error: `exit ${result.code}: ${firstError(result.stderr)}`, code: result.code };
    }
    times.push(result.ms);
    rssKb = Math.max(rssKb, result.rssKb);
  }
  return { ok: true, ms: median(times), times, rssKb };
}

/** Time an in-process function `runs` times (median, ms). */
export async function measureInProcess(work, runs = 5) {
  const times = [];
  let value;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    value = await work();
    times.push(performance.now() - started);
  }
  return { ok: true, ms: median(times), times, value };
}
