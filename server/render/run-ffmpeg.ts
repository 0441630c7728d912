import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The folder of the ffmpeg Remotion ships for this platform (the renders already depend on it). */
function findCompositorDir(): string {
  const name = `@remotion/compositor-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`;
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Runs Remotion's own ffmpeg with these arguments; rejects with its error output. */
export async function runFfmpeg(options: { args: readonly string[]; signal?: AbortSignal }): Promise<void> {
  const dir = findCompositorDir();
  await run(path.join(dir, 'ffmpeg'), ['-hide_banner', '-loglevel', 'error', ...options.args], {
    env: { ...process.env, LD_LIBRARY_PATH: dir, DYLD_LIBRARY_PATH: dir },
    signal: options.signal,
    maxBuffer: 16 * 1024 * 1024,
  });
}
