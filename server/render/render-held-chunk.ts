import fs from 'node:fs/promises';
import path from 'node:path';
import { renderFrames } from '@remotion/renderer';
import { describeChunkRender, type ChunkJob } from './render-chunk.ts';
import { runFfmpeg } from './run-ffmpeg.ts';

/**
 * The picture of a chunk whose scenes hold still pictures, as MPEG-TS: each distinct picture
 * (`frames`: one entry per frame of the chunk, see mapHeldFrames) is drawn once, held pictures
 * are repeated, and the frames are encoded as Remotion encodes a chunk (same x264 settings). Its
 * sound is rendered apart (renderChunkSound), since it runs on through the holds.
 */
export async function renderHeldChunk(options: ChunkJob & { frames: readonly number[] }): Promise<{ 'video.ts': string }> {
  const { settings } = options;
  const output = path.join(options.dir, 'video.ts');
  const work = path.join(options.dir, 'held-frames');
  const sequence = path.join(work, 'sequence');
  await fs.mkdir(sequence, { recursive: true });
  const aborter = new AbortController();
  options.cancelSignal?.(() => aborter.abort(new Error('The render was cancelled')));
  const drawn = [...new Set(options.frames)].sort((a, b) => a - b);
  const pictureOf = (frame: number) => path.join(work, `drawn-${frame}.${settings.imageFormat}`);
  try {
    await renderFrames({
      ...describeChunkRender(options),
      imageFormat: settings.imageFormat,
      jpegQuality: settings.jpegQuality,
      frames: drawn,
      muted: true,
      outputDir: null,
      onStart: () => undefined,
      onFrameBuffer: (buffer, frame) => fs.writeFile(pictureOf(frame), buffer),
      onFrameUpdate: (rendered) => options.onFrames?.(Math.round((rendered / drawn.length) * options.frames.length)),
    });
    // The image sequence ffmpeg reads: one numbered link per frame, a held picture linked again.
    await Promise.all(options.frames.map((frame, index) => fs.link(pictureOf(frame), path.join(sequence, `${String(index).padStart(5, '0')}.${settings.imageFormat}`))));
    await runFfmpeg({
      args: [
        ...['-r', String(settings.fps), '-f', 'image2', '-s', `${settings.width * settings.scale}x${settings.height * settings.scale}`, '-start_number', '0'],
        ...['-i', path.join(sequence, `%05d.${settings.imageFormat}`), '-an'],
        ...['-c:v', 'libx264', '-f', 'mpegts', '-pix_fmt', settings.pixelFormat, '-preset', settings.x264Preset, '-video_track_timescale', '90000', '-crf', String(settings.crf)],
        ...['-map_metadata', '-1', '-y', output],
      ],
      signal: aborter.signal,
    });
    return { 'video.ts': output };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
