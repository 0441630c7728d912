import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/kindly.js');

/** A long-running `kindly` process (serve, worker) with its output collected. */
export type KindlyProcess = {
  child: ChildProcess;
  output: () => string;
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  /** Signals the process and everything it started (its browsers too), as a machine going down would. */
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
};

export function spawnKindly(options: { args: string[]; env: Record<string, string> }): KindlyProcess {
  // Its own process group, so a kill reaches the browsers it opened and leaves no orphans.
  const child = spawn(process.execPath, [bin, ...options.args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (text: string | RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (typeof text === 'string' ? output.includes(text) : text.test(output)) return;
      if (child.exitCode !== null)
        throw new Error(
          `kindly ${options.args[0]} exited (${child.exitCode}) before printing ${String(text)}:\n${output}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`kindly ${options.args[0]} did not print ${String(text)} within ${timeoutMs} ms:\n${output}`);
  };
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return { child, output: () => output, waitFor, kill, exited };
}
