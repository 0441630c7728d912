import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The browser's version line (e.g. "Chromium 156.0.8078.79"): a new browser may draw pixels
 * differently, so it is part of every segment key. Falls back to the executable's path.
 */
export async function getBrowserVersion(options: { browserExecutable: string | null }): Promise<string> {
  if (!options.browserExecutable) return 'remotion-downloaded-browser';
  try {
    const { stdout } = await run(options.browserExecutable, ['--version'], { timeout: 15_000 });
    const line = stdout.split('\n').find((text) => /\d+\.\d+/.test(text));
    return line?.trim() ?? options.browserExecutable;
  } catch {
    return options.browserExecutable;
  }
}
