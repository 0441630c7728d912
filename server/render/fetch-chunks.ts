import path from 'node:path';
import type { BaseRecord } from '../../templates/template-definition.ts';
import { isPersonalSegment, makeSegmentKey } from './make-segment-key.ts';
import { mapHeldFrames } from './map-held-frames.ts';
import type { Chunk } from './plan-chunks.ts';
import { renderChunk, type ChunkJob } from './render-chunk.ts';
import { renderChunkSound } from './render-chunk-sound.ts';
import type { RenderContext, SegmentKind } from './render-context.ts';
import { renderHeldChunks } from './render-held-chunks.ts';

/** A chunk's picture and sound files, ready to be joined. */
export type ChunkSegment = { video: string; audio: string };

/**
 * Every chunk of a recipient's video, from the segment cache or rendered. A chunk without still
 * pictures renders picture and sound in one go. Chunks that hold still pictures have their
 * pictures drawn together in one tab — a new locale's shared intro and outro with the
 * recipient's personal chunk — and their sound rendered apart, cached under its own key (shared
 * as widely as `soundReads` allows). `onFrames` reports frames done, by part.
 */
export async function fetchChunks(options: {
  context: RenderContext;
  record: BaseRecord;
  signal?: AbortSignal;
  onFrames: (part: string, frames: number) => void;
}): Promise<ChunkSegment[]> {
  const segments = await fetchSegments({ ...options, sharedOnly: false });
  return segments.map(({ index, video, audio }) => {
    if (!video || !audio) throw new Error(`Chunk ${index} of ${options.context.template.id} was not fetched whole`);
    return { video, audio };
  });
}

/**
 * Has every segment that all recipients of the record's look share (their locale, tone, brand kit
 * and copy) in the segment cache, rendering those it lacks, and nothing personal: the shared
 * intro and outro, and the sound where it reads no personal field. A campaign rendering on open
 * makes them when it publishes, so its first debtor to open waits for their own part only.
 */
export async function fetchSharedChunks(options: { context: RenderContext; record: BaseRecord; signal?: AbortSignal }) {
  await fetchSegments({ ...options, onFrames: () => undefined, sharedOnly: true });
}

async function fetchSegments(options: {
  context: RenderContext;
  record: BaseRecord;
  signal?: AbortSignal;
  onFrames: (part: string, frames: number) => void;
  sharedOnly: boolean;
}): Promise<{ index: number; video?: string; audio?: string }[]> {
  const { context, record, signal } = options;
  const { template } = context;
  const personal = (kind: SegmentKind, chunk: Chunk) => isPersonalSegment({ template, chunk, kind });
  const inputProps = record as Record<string, unknown>;
  const keyOf = (kind: SegmentKind, chunk: Chunk) =>
    makeSegmentKey({ ...context, chunk, framesPerChunk: context.plan.framesPerChunk, record, kind });
  const report = (kind: SegmentKind, chunk: Chunk, key: string, rendered: boolean, started: number) =>
    context.onSegment?.({
      kind,
      index: chunk.index,
      from: chunk.from,
      to: chunk.to,
      key,
      personal: personal(kind, chunk),
      rendered,
      seconds: (performance.now() - started) / 1000,
    });
  const tab = async (slot: number) => ({ ...context, browser: await context.getBrowser(slot), inputProps });

  const fetchOne = async (
    kind: SegmentKind,
    chunk: Chunk,
    make: (job: ChunkJob) => Promise<Record<string, string>>,
    onFrames?: (frames: number) => void,
  ) => {
    const key = keyOf(kind, chunk);
    const started = performance.now();
    const fetched = await context.source.fetch({
      key,
      signal,
      onFrames,
      make: async ({ dir, slot, cancelSignal, onFrames: progress }) =>
        make({ ...(await tab(slot)), chunk, dir, cancelSignal, onFrames: progress }),
    });
    report(kind, chunk, key, fetched.rendered, started);
    return { key, files: fetched.files };
  };

  // Made ahead for a look: pictures that show no personal field, and sound rendered apart that reads none.
  const wanted = (kind: SegmentKind, chunk: Chunk) => !options.sharedOnly || !personal(kind, chunk);
  const planned = context.plan.chunks.map((chunk) => {
    const frames = mapHeldFrames(chunk);
    return { chunk, frames, key: keyOf('chunk', chunk), held: new Set(frames).size < frames.length };
  });
  const held = planned.filter((entry) => entry.held && wanted('chunk', entry.chunk));
  const fetchPictures = async () => {
    if (held.length === 0) return new Map<string, string>();
    const started = performance.now();
    const fetched = await context.source.fetchMany({
      keys: held.map(({ key }) => key),
      signal,
      onFrames: (frames) => options.onFrames('pictures', frames),
      make: async ({ keys, dir, slot, cancelSignal, onFrames }) => {
        const chunks = held
          .filter(({ key }) => keys.includes(key))
          .map(({ chunk, frames, key }) => ({ frames, key, output: path.join(dir, `${chunk.index}.ts`) }));
        await renderHeldChunks({ ...(await tab(slot)), chunks, cancelSignal, onFrames });
        return Object.fromEntries(chunks.map(({ key, output }) => [key, { 'video.ts': output }]));
      },
    });
    held.forEach(({ chunk, key }, index) => report('chunk', chunk, key, fetched[index]?.rendered ?? false, started));
    options.onFrames(
      'pictures',
      held.reduce((sum, { frames }) => sum + frames.length, 0),
    );
    return new Map(
      held.map(({ key }, index) => [key, fetched[index]?.files['video.ts'] ?? missingFile(key, 'video.ts')]),
    );
  };
  const pictures = fetchPictures();

  return Promise.all(
    planned.map(async (entry) => {
      const { index } = entry.chunk;
      if (!entry.held) {
        if (!wanted('chunk', entry.chunk)) return { index };
        const part = `chunk-${index}`;
        const both = await fetchOne('chunk', entry.chunk, renderChunk, (frames) => options.onFrames(part, frames));
        options.onFrames(part, entry.frames.length);
        return {
          index,
          video: both.files['video.ts'] ?? missingFile(both.key, 'video.ts'),
          audio: both.files['audio.aac'] ?? missingFile(both.key, 'audio.aac'),
        };
      }
      const [drawn, sound] = await Promise.all([
        pictures,
        wanted('sound', entry.chunk) ? fetchOne('sound', entry.chunk, renderChunkSound) : undefined,
      ]);
      return {
        index,
        video: drawn.get(entry.key),
        audio: sound && (sound.files['audio.aac'] ?? missingFile(sound.key, 'audio.aac')),
      };
    }),
  );
}

function missingFile(key: string, file: string): never {
  throw new Error(`Segment ${key} lacks ${file}; delete it from the segment cache`);
}
