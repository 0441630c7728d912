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

/** How to start Remotion's own ffmpeg: its file, the arguments every run starts with, and its environment. */
export function getFfmpegCommand(options: { args: readonly string[] }): {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
} {
  const dir = findCompositorDir();
  return {
    file: path.join(dir, 'ffmpeg'),
    args: ['-hide_banner', '-loglevel', 'error', ...options.args],
    env: { ...process.env, LD_LIBRARY_PATH: dir, DYLD_LIBRARY_PATH: dir },
  };
}

/** Runs Remotion's own ffmpeg with these arguments; rejects with its error output. */
export async function runFfmpeg(options: { args: readonly string[]; signal?: AbortSignal }): Promise<void> {
  const command = getFfmpegCommand(options);
  await run(command.file, command.args, { env: command.env, signal: options.signal, maxBuffer: 16 * 1024 * 1024 });
}
