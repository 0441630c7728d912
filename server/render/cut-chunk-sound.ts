import fs from 'node:fs/promises';
import type { ChunkPlan } from './plan-chunks.ts';

/** Samples in one AAC frame. */
const samplesPerFrame = 1024;

/**
 * Where a chunk's sound starts in the whole soundtrack, in AAC frames, as Remotion's seamless
 * join cuts it (combineChunks): the first chunk from its first frame, every later one two frames
 * after the frame nearest its start (a chunk's file starts four frames early: two of silence and
 * two of padding its encoder needed). A fraction just under one half rounds up, as Remotion's does.
 */
function getJoinFrame(options: { frame: number; fps: number; sampleRate: number }): number {
  const frames = (options.frame / options.fps) * (options.sampleRate / samplesPerFrame);
  const nearest = frames % 1 > 0.4999999 ? Math.ceil(frames) : Math.floor(frames);
  return nearest + 2;
}

/** The AAC frames of an ADTS file, each with its header, in order. */
export async function readAdtsFrames(file: string): Promise<Buffer[]> {
  const bytes = await fs.readFile(file);
  const frames: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const length =
      at + 6 < bytes.length ? ((bytes[at + 3]! & 3) << 11) | (bytes[at + 4]! << 3) | (bytes[at + 5]! >> 5) : 0;
    if (bytes[at] !== 0xff || (bytes[at + 1]! & 0xf0) !== 0xf0 || length < 7)
      throw new Error(`${file} is not ADTS audio at byte ${at}`);
    frames.push(bytes.subarray(at, at + length));
    at += length;
  }
  return frames;
}

/**
 * One chunk's share of the soundtrack, written as ADTS to `output`: exactly the AAC frames a
 * seamless join keeps of that chunk, so consecutive chunks' shares play as the joined MP4's sound
 * does, frame for frame. Returns when the share starts on the whole video's timeline (frame `k`
 * of the soundtrack starts at k × 1024 samples, as in the MP4) and how long it lasts.
 */
export async function cutChunkSound(options: {
  audio: string;
  index: number;
  plan: ChunkPlan;
  fps: number;
  sampleRate: number;
  output: string;
}): Promise<{ startSeconds: number; seconds: number }> {
  const { plan, index, fps, sampleRate } = options;
  const chunk = plan.chunks[index];
  if (!chunk) throw new Error(`The plan has no chunk ${index}`);
  const first = index === 0 ? 0 : getJoinFrame({ frame: chunk.from, fps, sampleRate });
  const end = getJoinFrame({ frame: chunk.to, fps, sampleRate });
  // The chunk's file starts four frames before its first kept frame (the first chunk's at frame 0).
  const offset = index === 0 ? 0 : first - 4;
  const frames = await readAdtsFrames(options.audio);
  const kept = frames.slice(first - offset, end - offset);
  if (kept.length !== end - first)
    throw new Error(
      `The sound of chunk ${index} has ${frames.length} AAC frames, too few for frames ${first}-${end} of the soundtrack`,
    );
  await fs.writeFile(options.output, Buffer.concat(kept));
  return {
    startSeconds: (first * samplesPerFrame) / sampleRate,
    seconds: (kept.length * samplesPerFrame) / sampleRate,
  };
}
