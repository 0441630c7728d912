import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const compositorDir = path.dirname(
  createRequire(import.meta.url).resolve('@remotion/compositor-linux-x64-gnu/package.json'),
);
const ffmpeg = path.join(compositorDir, 'ffmpeg');

/** Remotion's ffmpeg writing raw output to stdout, as a stream. */
function runFfmpeg(args: string[]) {
  const child = spawn(ffmpeg, ['-hide_banner', '-loglevel', 'error', ...args], {
    env: { ...process.env, LD_LIBRARY_PATH: compositorDir },
  });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg ${args.join(' ')} failed (${code}): ${stderr}`)),
    );
  });
  return { child, exited };
}

/** Decoded video frames (rgb24, one Buffer per frame), streamed so memory stays at a frame or two. */
export async function* readVideoFrames(options: {
  file: string;
  width: number;
  height: number;
}): AsyncGenerator<Buffer> {
  const frameBytes = options.width * options.height * 3;
  const { child, exited } = runFfmpeg([
    '-i',
    options.file,
    '-an',
    '-c:v',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-f',
    'image2pipe',
    'pipe:1',
  ]);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const data of child.stdout as AsyncIterable<Buffer>) {
    pending.push(data);
    pendingBytes += data.length;
    while (pendingBytes >= frameBytes) {
      const joined = Buffer.concat(pending);
      yield joined.subarray(0, frameBytes);
      const rest = joined.subarray(frameBytes);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  await exited;
  if (pendingBytes !== 0) throw new Error(`${options.file}: ${pendingBytes} bytes left over, not a whole frame`);
}

/** The audio as interleaved 16-bit PCM at `sampleRate` with `channels` channels. */
export async function readPcm(options: { file: string; sampleRate?: number; channels?: number }): Promise<Int16Array> {
  // Remotion's ffmpeg has no raw PCM muxer: take WAV and read its data chunk.
  const args = [
    '-i',
    options.file,
    '-vn',
    '-c:a',
    'pcm_s16le',
    '-ar',
    String(options.sampleRate ?? 48_000),
    '-ac',
    String(options.channels ?? 2),
    '-map_metadata',
    '-1',
    '-f',
    'wav',
    'pipe:1',
  ];
  const { child, exited } = runFfmpeg(args);
  const parts: Buffer[] = [];
  for await (const data of child.stdout as AsyncIterable<Buffer>) parts.push(data);
  await exited;
  const wav = Buffer.concat(parts);
  let offset = 12;
  while (offset + 8 <= wav.length && wav.toString('latin1', offset, offset + 4) !== 'data')
    offset += 8 + wav.readUInt32LE(offset + 4);
  if (offset + 8 > wav.length) throw new Error(`${options.file}: no PCM data in the decoded WAV`);
  // A piped WAV cannot seek back to fill in its size: the data runs to the end.
  const data = Buffer.from(wav.subarray(offset + 8));
  return new Int16Array(data.buffer, data.byteOffset, Math.floor(data.length / 2));
}

/** Mean squared error of two equal-size 8-bit pictures, and its PSNR in dB (Infinity when identical). */
export function comparePictures(options: { a: Buffer; b: Buffer }): { mse: number; psnr: number } {
  const { a, b } = options;
  if (a.length !== b.length) throw new Error(`Pictures differ in size: ${a.length} and ${b.length} bytes`);
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) {
    const diff = (a[index] ?? 0) - (b[index] ?? 0);
    sum += diff * diff;
  }
  const mse = sum / a.length;
  return { mse, psnr: mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse) };
}
