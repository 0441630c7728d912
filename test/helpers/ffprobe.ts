import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const compositorDir = path.dirname(
  createRequire(import.meta.url).resolve('@remotion/compositor-linux-x64-gnu/package.json'),
);

export type Probe = {
  format: { duration: string; format_name: string };
  streams: {
    codec_type: string;
    codec_name: string;
    nb_frames?: string;
    duration?: string;
    width?: number;
    height?: number;
    r_frame_rate?: string;
    start_time?: string;
  }[];
};

/** ffprobe (the one Remotion ships) on a media file. */
export async function ffprobe(file: string): Promise<Probe> {
  const { stdout } = await run(
    path.join(compositorDir, 'ffprobe'),
    ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file],
    {
      env: { ...process.env, LD_LIBRARY_PATH: compositorDir },
    },
  );
  return JSON.parse(stdout) as Probe;
}
