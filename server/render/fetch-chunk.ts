import type { BaseRecord } from '../../templates/template-definition.ts';
import { makeSegmentKey } from './make-segment-key.ts';
import { mapHeldFrames } from './map-held-frames.ts';
import type { Chunk } from './plan-chunks.ts';
import { renderChunk, type ChunkJob } from './render-chunk.ts';
import { renderChunkSound } from './render-chunk-sound.ts';
import type { RenderContext, SegmentKind } from './render-context.ts';
import { renderHeldChunk } from './render-held-chunk.ts';

/**
 * One chunk of a recipient's video, from the segment cache or rendered: picture and sound in one
 * render, or — when its scenes hold still pictures — the picture with each still drawn once and
 * the sound apart, cached under its own key (shared as widely as `soundReads` allows).
 */
export async function fetchChunk(options: {
  context: RenderContext;
  record: BaseRecord;
  chunk: Chunk;
  signal?: AbortSignal;
  onFrames: (frames: number) => void;
}): Promise<{ video: string; audio: string }> {
  const { context, record, chunk } = options;
  const inputProps = record as Record<string, unknown>;
  const frames = mapHeldFrames(chunk);
  const held = new Set(frames).size < frames.length;
  const fetch = async (kind: SegmentKind, make: (job: ChunkJob) => Promise<Record<string, string>>, onFrames?: (frames: number) => void) => {
    const key = makeSegmentKey({ ...context, chunk, framesPerChunk: context.plan.framesPerChunk, record, kind });
    const started = performance.now();
    const fetched = await context.source.fetch({
      key,
      signal: options.signal,
      onFrames,
      make: async ({ dir, slot, cancelSignal, onFrames: report }) => make({ ...context, browser: await context.getBrowser(slot), chunk, dir, inputProps, cancelSignal, onFrames: report }),
    });
    context.onSegment?.({ kind, index: chunk.index, from: chunk.from, to: chunk.to, key, rendered: fetched.rendered, seconds: (performance.now() - started) / 1000 });
    return { key, files: fetched.files };
  };
  if (!held) {
    const both = await fetch('chunk', renderChunk, options.onFrames);
    return { video: both.files['video.ts'] ?? missing(both.key, 'video.ts'), audio: both.files['audio.aac'] ?? missing(both.key, 'audio.aac') };
  }
  const [picture, sound] = await Promise.all([fetch('chunk', (job) => renderHeldChunk({ ...job, frames }), options.onFrames), fetch('sound', renderChunkSound)]);
  return { video: picture.files['video.ts'] ?? missing(picture.key, 'video.ts'), audio: sound.files['audio.aac'] ?? missing(sound.key, 'audio.aac') };

  function missing(key: string, file: string): never {
    throw new Error(`Segment ${key} of ${context.template.id} lacks ${file}; delete it from the segment cache`);
  }
}
