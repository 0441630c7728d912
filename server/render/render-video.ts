import { combineChunks, makeCancelSignal } from '@remotion/renderer';
import type { BaseRecord } from '../../templates/template-definition.ts';
import { fetchChunks } from './fetch-chunks.ts';
import type { RenderContext } from './render-context.ts';
import { timeStage } from './time-stage.ts';

/**
 * One recipient's MP4: each chunk comes from the segment cache or is rendered (see fetchChunks;
 * the source's slots bound how many render at once), then Remotion joins them —
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
  const done = new Map<string, number>();
  const onFrames = (part: string, frames: number) => {
    done.set(part, frames);
    const sum = [...done.values()].reduce((total, value) => total + value, 0);
    options.onProgress?.(Math.min(1, sum / template.durationInFrames));
  };
  const segments = await fetchChunks({ context, record, signal: options.signal, onFrames });
  const { cancelSignal, cancel } = makeCancelSignal();
  const onAbort = () => cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    options.signal?.throwIfAborted();
    const join = () =>
      combineChunks({
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
    await timeStage({ stage: 'join', onStage: context.onStage, run: join });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
