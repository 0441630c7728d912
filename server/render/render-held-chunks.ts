import fs from 'node:fs/promises';
import path from 'node:path';
import { renderFrames } from '@remotion/renderer';
import { describeTabRender, type TabJob } from './render-chunk.ts';
import { runFfmpeg } from './run-ffmpeg.ts';

/** One chunk to draw: the picture each of its frames shows (`frames`, see mapHeldFrames) and where its MPEG-TS goes. */
export type HeldChunk = { frames: readonly number[]; output: string };

/**
 * The pictures of chunks whose scenes hold still pictures, each as MPEG-TS: every distinct
 * picture of all the chunks is drawn once, in one tab (a tab costs as much as several frames),
 * held pictures are repeated, and each chunk's frames are encoded as Remotion encodes a chunk
 * (same x264 settings). Their sound is rendered apart (renderChunkSound), since it runs on
 * through the holds.
 */
export async function renderHeldChunks(
  options: TabJob & { chunks: readonly HeldChunk[]; dir: string; onFrames?: (frames: number) => void },
): Promise<void> {
  const { settings } = options;
  const work = path.join(options.dir, 'held-frames');
  await fs.mkdir(work, { recursive: true });
  const aborter = new AbortController();
  options.cancelSignal?.(() => aborter.abort(new Error('The render was cancelled')));
  const drawn = [...new Set(options.chunks.flatMap((held) => held.frames))].sort((a, b) => a - b);
  const represented = options.chunks.reduce((sum, held) => sum + held.frames.length, 0);
  const pictureOf = (frame: number) => path.join(work, `drawn-${frame}.${settings.imageFormat}`);
  const started = performance.now();
  let firstPicture: number | undefined;
  try {
    await renderFrames({
      ...describeTabRender(options),
      imageFormat: settings.imageFormat,
      jpegQuality: settings.jpegQuality,
      frames: drawn,
      muted: true,
      outputDir: null,
      onStart: () => undefined,
      onFrameBuffer: (buffer, frame) => {
        if (firstPicture === undefined) {
          firstPicture = performance.now();
          options.onStage?.({ stage: 'tab', seconds: (firstPicture - started) / 1000 });
        }
        return fs.writeFile(pictureOf(frame), buffer);
      },
      onFrameUpdate: (rendered) => options.onFrames?.(Math.round((rendered / drawn.length) * represented)),
    });
    const drawnAt = performance.now();
    options.onStage?.({
      stage: 'pictures',
      seconds: (drawnAt - (firstPicture ?? drawnAt)) / 1000,
      pictures: drawn.length - 1,
    });
    for (const [index, held] of options.chunks.entries()) {
      // The image sequence ffmpeg reads: one numbered link per frame, a held picture linked again.
      const sequence = path.join(work, `sequence-${index}`);
      await fs.mkdir(sequence);
      await Promise.all(
        held.frames.map((frame, at) =>
          fs.link(pictureOf(frame), path.join(sequence, `${String(at).padStart(5, '0')}.${settings.imageFormat}`)),
        ),
      );
      await runFfmpeg({
        args: [
          ...[
            '-r',
            String(settings.fps),
            '-f',
            'image2',
            '-s',
            `${settings.width * settings.scale}x${settings.height * settings.scale}`,
            '-start_number',
            '0',
          ],
          ...['-i', path.join(sequence, `%05d.${settings.imageFormat}`), '-an'],
          ...[
            '-c:v',
            'libx264',
            '-f',
            'mpegts',
            '-pix_fmt',
            settings.pixelFormat,
            '-preset',
            settings.x264Preset,
            '-x264-params',
            settings.x264Params,
            '-video_track_timescale',
            '90000',
            '-crf',
            String(settings.crf),
          ],
          ...['-map_metadata', '-1', '-y', held.output],
        ],
        signal: aborter.signal,
      });
    }
    options.onStage?.({ stage: 'encode', seconds: (performance.now() - drawnAt) / 1000 });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
