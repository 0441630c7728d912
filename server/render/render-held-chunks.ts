import { renderFrames } from '@remotion/renderer';
import { openFfmpegInput } from './open-ffmpeg-input.ts';
import { describeTabRender, type TabJob } from './render-chunk.ts';

/** One chunk to draw: the picture each of its frames shows (`frames`, see mapHeldFrames) and where its MPEG-TS goes. */
export type HeldChunk = { frames: readonly number[]; output: string };

/**
 * The pictures of chunks whose scenes hold still pictures, each as MPEG-TS: every distinct
 * picture of all the chunks is drawn once, in one tab (a tab costs as much as several frames),
 * held pictures are repeated, and each chunk's frames are encoded as Remotion encodes a chunk
 * (same x264 settings). Each chunk's encoder runs while the pictures are drawn, fed each frame as
 * soon as its picture exists: drawing waits on the browser more than it uses a core (~35 ms of CPU
 * in ~65 ms a picture), so the encode fills that time instead of following it (measured on one
 * personal chunk of gentle-reminder, two renders at once on two cores: ~1.2 s of wall time less
 * per render, the same file). Their sound is rendered apart (renderChunkSound), since it runs on
 * through the holds.
 */
export async function renderHeldChunks(
  options: TabJob & { chunks: readonly HeldChunk[]; onFrames?: (frames: number) => void },
): Promise<void> {
  const { settings } = options;
  const aborter = new AbortController();
  options.cancelSignal?.(() => aborter.abort(new Error('The render was cancelled')));
  const drawn = [...new Set(options.chunks.flatMap((held) => held.frames))].sort((a, b) => a - b);
  const represented = options.chunks.reduce((sum, held) => sum + held.frames.length, 0);
  const pictures = new Map<number, Buffer>();
  const encoders = options.chunks.map((held) => ({
    held,
    next: 0,
    input: openFfmpegInput({ args: makeEncodeArgs({ settings, output: held.output }), signal: aborter.signal }),
  }));
  // Frames go to each encoder in order, each once its picture is drawn; one feed at a time.
  let feeding = Promise.resolve();
  const feed = () =>
    (feeding = feeding.then(async () => {
      for (const encoder of encoders) {
        const { held, input } = encoder;
        for (let picture = pictures.get(held.frames[encoder.next]!); picture;) {
          await input.write(picture);
          encoder.next += 1;
          picture = encoder.next < held.frames.length ? pictures.get(held.frames[encoder.next]!) : undefined;
        }
      }
    }));
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
        pictures.set(frame, buffer);
        return feed();
      },
      onFrameUpdate: (rendered) => options.onFrames?.(Math.round((rendered / drawn.length) * represented)),
    });
    const drawnAt = performance.now();
    options.onStage?.({
      stage: 'pictures',
      seconds: (drawnAt - (firstPicture ?? drawnAt)) / 1000,
      pictures: drawn.length - 1,
    });
    await feed();
    await Promise.all(encoders.map((encoder) => encoder.input.end()));
    // What the encode took beyond the drawing it ran beside.
    options.onStage?.({ stage: 'encode', seconds: (performance.now() - drawnAt) / 1000 });
  } finally {
    // Encoders still running (the drawing failed) are stopped.
    aborter.abort(new Error('The chunk was not drawn'));
  }
}

/** ffmpeg's arguments to encode one chunk's frames, written to it as pictures, as Remotion encodes a chunk. */
function makeEncodeArgs(options: { settings: TabJob['settings']; output: string }): string[] {
  const { settings } = options;
  return [
    ...['-r', String(settings.fps), '-f', 'image2pipe', '-c:v', 'mjpeg'],
    ...['-s', `${settings.width * settings.scale}x${settings.height * settings.scale}`, '-i', '-', '-an'],
    ...['-c:v', 'libx264', '-f', 'mpegts', '-pix_fmt', settings.pixelFormat],
    ...['-preset', settings.x264Preset, '-x264-params', settings.x264Params],
    ...['-video_track_timescale', '90000', '-crf', String(settings.crf)],
    ...['-map_metadata', '-1', '-y', options.output],
  ];
}
