import { combineChunks, makeCancelSignal } from '@remotion/renderer';
import type { BaseRecord } from '../../templates/template-definition.ts';
import { makeSegmentKey } from './make-segment-key.ts';
import type { RenderContext } from './render-context.ts';
import { renderChunk } from './render-chunk.ts';

/**
 * One recipient's MP4: each chunk comes from the segment cache or is rendered (all chunks are
 * asked for at once; the source's slots bound how many render), then Remotion joins them —
 * video by concatenation, audio trimmed on AAC frame borders — into an MP4 with the index first.
 */
export async function renderVideo(options: {
  context: RenderContext;
  record: BaseRecord;
  output: string;
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
}): Promise<void> {
  const { context, record } = options;
  const { plan, template } = context;
  const inputProps = record as Record<string, unknown>;
  const done = new Map<number, number>();
  const report = () => {
    const frames = [...done.values()].reduce((sum, value) => sum + value, 0);
    options.onProgress?.(frames / template.durationInFrames);
  };
  const segments = await Promise.all(
    plan.chunks.map(async (chunk) => {
      const key = makeSegmentKey({ ...context, chunk, framesPerChunk: plan.framesPerChunk, record, kind: 'chunk' });
      const started = performance.now();
      const fetched = await context.source.fetch({
        key,
        signal: options.signal,
        onFrames: (frames) => {
          done.set(chunk.index, frames);
          report();
        },
        make: async ({ dir, slot, cancelSignal, onFrames }) => ({
          ...(await renderChunk({ ...context, browser: await context.getBrowser(slot), chunk, dir, inputProps, cancelSignal, onFrames })),
        }),
      });
      done.set(chunk.index, chunk.to - chunk.from);
      report();
      context.onSegment?.({ kind: 'chunk', index: chunk.index, from: chunk.from, to: chunk.to, key, rendered: fetched.rendered, seconds: (performance.now() - started) / 1000 });
      const video = fetched.files['video.ts'];
      const audio = fetched.files['audio.aac'];
      if (!video || !audio) throw new Error(`Segment ${key} of ${template.id} lacks video.ts or audio.aac; delete it from the segment cache`);
      return { video, audio };
    }),
  );
  const { cancelSignal, cancel } = makeCancelSignal();
  const onAbort = () => cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    options.signal?.throwIfAborted();
    await combineChunks({
      outputLocation: options.output,
      videoFiles: segments.map((segment) => segment.video),
      audioFiles: segments.map((segment) => segment.audio),
      codec: 'h264',
      audioCodec: context.settings.audioCodec,
      sampleRate: context.settings.sampleRate,
      fps: template.fps,
      framesPerChunk: plan.framesPerChunk,
      compositionDurationInFrames: template.durationInFrames,
      preferLossless: false,
      cancelSignal,
      logLevel: 'error',
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
