import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BaseRecord } from '../../templates/template-definition.ts';
import { cutChunkSound } from './cut-chunk-sound.ts';
import { fetchChunks, type ChunkSegment } from './fetch-chunks.ts';
import { readAvcCodec } from './read-avc-codec.ts';
import type { RenderContext, SegmentEvent } from './render-context.ts';
import { hlsTimeBase, remuxHlsSegment } from './remux-hls-segment.ts';

/**
 * One segment of a recipient's HLS stream. A shared one (`sharedName` set) is the same file for
 * every recipient whose chunk has the same content key, named by that key: it is published once
 * among the site's assets and only made (`make`) when not published yet. A personal one is made
 * for the recipient and lives in their media folder.
 */
export type HlsPart = {
  /** Its length in seconds (the playlist's EXTINF). */
  seconds: number;
  /** `<content address>.ts` for a shared segment; undefined for a personal one. */
  sharedName: string | undefined;
  /** Writes the segment into the work folder and returns its path. */
  make: () => Promise<string>;
};

/**
 * A recipient's video as HLS: the picture segments (with the sound in them, unless it is apart)
 * and, when the template's sound reads no personal field (`soundReads: []`), the sound as its own
 * rendition — the same for every recipient of a locale.
 */
export type HlsStream = {
  picture: HlsPart[];
  sound: HlsPart[] | undefined;
  width: number;
  height: number;
  /** The RFC 6381 names of the picture's and the sound's codecs (e.g. `avc1.64001f,mp4a.40.2`), if read. */
  codecs: string | undefined;
  /**
   * The recipient's captions as the stream's subtitles rendition: the name a player lists and
   * the BCP 47 language (the file is the recipient's captions, stamped for the stream, see makeCaptions).
   */
  captions?: { name: string; language: string };
};

/** A chunk's files, and the segment cache events that say whether its picture and sound are personal. */
type FetchedChunk = { index: number; files: ChunkSegment; picture: SegmentEvent; sound: SegmentEvent };

/**
 * The segments of one recipient's HLS stream: each chunk from the segment cache or rendered (as
 * for the MP4, see fetchChunks), then copied — not re-encoded — into MPEG-TS at its place on the
 * timeline. No join step: the recipient's playlist lists the shared segments and their own.
 * Returns the chunks' files too, so the poster can be cut from the chunk that shows it.
 */
export async function renderHlsStream(options: {
  context: RenderContext;
  record: BaseRecord;
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
}): Promise<{ stream: HlsStream; chunks: readonly ChunkSegment[] }> {
  const { context, record, signal } = options;
  const { plan, template, settings } = context;
  const events: SegmentEvent[] = [];
  const done = new Map<string, number>();
  const segments = await fetchChunks({
    context: {
      ...context,
      onSegment: (event) => {
        events.push(event);
        context.onSegment?.(event);
      },
    },
    record,
    signal,
    onFrames: (part, frames) => {
      done.set(part, frames);
      const sum = [...done.values()].reduce((total, value) => total + value, 0);
      options.onProgress?.(Math.min(1, sum / template.durationInFrames));
    },
  });
  const chunks: FetchedChunk[] = segments.map((files, index) => {
    const picture = events.find((event) => event.kind === 'chunk' && event.index === index);
    // A chunk without held pictures has its sound in the same cache entry as its picture.
    const sound = events.find((event) => event.kind === 'sound' && event.index === index) ?? picture;
    if (!picture || !sound) throw new Error(`Chunk ${index} of ${template.id} was fetched without its cache key`);
    return { index, files, picture, sound };
  });
  const soundApart = template.soundReads?.length === 0 && chunks.every((chunk) => !chunk.sound.personal);
  const placeOf = (index: number) => (plan.chunks[index]?.from ?? 0) / template.fps;
  const nameOf = (material: Record<string, unknown>) =>
    `${createHash('sha256')
      .update(JSON.stringify({ format: 1, base: hlsTimeBase, ...material }))
      .digest('hex')
      .slice(0, 32)}.ts`;
  const cutSound = (chunk: FetchedChunk, name: string) =>
    cutChunkSound({
      audio: chunk.files.audio,
      index: chunk.index,
      plan,
      fps: template.fps,
      sampleRate: settings.sampleRate,
      output: path.join(options.workDir, name),
    });
  const chunkSeconds = plan.framesPerChunk / template.fps;

  const picture = chunks.map((chunk): HlsPart => {
    const personal = chunk.picture.personal || (!soundApart && chunk.sound.personal);
    return {
      seconds: chunkSeconds,
      sharedName: personal
        ? undefined
        : nameOf({ picture: chunk.picture.key, sound: soundApart ? null : chunk.sound.key }),
      make: async () => {
        const output = path.join(options.workDir, `part-${chunk.index}.ts`);
        const video = { file: chunk.files.video, startSeconds: placeOf(chunk.index) };
        const share = `part-${chunk.index}.aac`;
        const audio = soundApart
          ? undefined
          : { file: path.join(options.workDir, share), ...(await cutSound(chunk, share)) };
        await remuxHlsSegment({ video, audio, output, signal });
        return output;
      },
    };
  });
  const sound = soundApart
    ? await Promise.all(
        chunks.map(async (chunk): Promise<HlsPart> => {
          const name = `sound-${chunk.index}.aac`;
          const cut = await cutSound(chunk, name);
          return {
            seconds: cut.seconds,
            sharedName: nameOf({ sound: chunk.sound.key }),
            make: async () => {
              const output = path.join(options.workDir, `sound-${chunk.index}.ts`);
              await remuxHlsSegment({ audio: { file: path.join(options.workDir, name), ...cut }, output, signal });
              return output;
            },
          };
        }),
      )
    : undefined;
  // Every chunk is encoded alike (same settings): the first one's parameters name them all.
  const avc = segments[0] && (await readAvcCodec(segments[0].video));
  // Remotion encodes AAC-LC.
  const codecs = avc && `${avc},mp4a.40.2`;
  return { stream: { picture, sound, width: settings.width, height: settings.height, codecs }, chunks: segments };
}
