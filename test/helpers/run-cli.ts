import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/kindly.js');

/** Runs the real `kindly` command and returns its exit code (and the signal, if it had to be killed) and output. */
export function runCli(options: {
  args: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
  cwd?: string;
}): Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...options.args],
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 600_000, cwd: options.cwd },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, signal: error?.signal ?? null, stdout, stderr });
      },
    );
  });
}
