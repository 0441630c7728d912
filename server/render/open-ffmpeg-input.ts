import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { getFfmpegCommand } from './run-ffmpeg.ts';

/** An ffmpeg run reading its input from what is written to it (`-i -`). */
export type FfmpegInput = {
  /** Writes to ffmpeg's input, waiting while it is behind; rejects if ffmpeg failed. */
  write: (data: Buffer) => Promise<void>;
  /** Ends the input and waits for ffmpeg to finish; rejects with its error output if it failed. */
  end: () => Promise<void>;
};

/**
 * Starts Remotion's own ffmpeg with these arguments (one input of which is `-`, the pipe), so its
 * work can start before all its input exists. A failed run rejects the next write or the end.
 */
export function openFfmpegInput(options: { args: readonly string[]; signal?: AbortSignal }): FfmpegInput {
  const command = getFfmpegCommand(options);
  const child = spawn(command.file, command.args, {
    env: command.env,
    signal: options.signal,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (data: Buffer) => (errors = `${errors}${data.toString()}`.slice(-8000)));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code ?? signal}: ${errors.trim()}`)),
    );
  });
  // Seen through write and end; a run nobody waits for must not be an unhandled rejection.
  exited.catch(() => undefined);
  // A write to an ffmpeg that has exited fails with EPIPE: the exit's own error says why.
  child.stdin.on('error', () => undefined);
  return {
    write: async (data) => {
      if (!child.stdin.write(data)) await Promise.race([once(child.stdin, 'drain'), exited]);
    },
    end: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
