import fs from 'node:fs/promises';
import path from 'node:path';
import { renderFrames } from '@remotion/renderer';
import type { BaseRecord, Scene, TemplateDefinition } from '../../templates/template-definition.ts';
import { encodeThumbnailGif, maxThumbnailBytes, thumbnailAttempts } from './make-animated-thumbnail.ts';
import { isPersonalSegment, makeSegmentKey } from './make-segment-key.ts';
import { isPersonal } from './plan-chunks.ts';
import { describeTabRender } from './render-chunk.ts';
import type { RenderContext } from './render-context.ts';

/** Pictures per second of the thumbnail's clip as drawn; lighter encodings keep every second or third. */
const drawnFps = 8;

/** What the neutral thumbnail shows: the locale, tone, brand kit and copy of a campaign's message, nobody's values. */
export type NeutralLook = { locale: string; tone: string | undefined; brand?: unknown; copy?: unknown };

/**
 * The record a neutral thumbnail is drawn with: one of the template's own examples in the
 * locale (never a recipient's), with the campaign's tone, brand kit and copy. Even a scene that
 * read more than it declares could show only example values.
 */
export function makeNeutralRecord(options: { template: TemplateDefinition; look: NeutralLook }): BaseRecord {
  const { template, look } = options;
  const example = template.examples.find((candidate) => candidate.locale === look.locale) ?? template.examples[0] ?? {};
  const parsed = template.schema.parse({
    ...example,
    locale: look.locale,
    ...(look.tone ? { tone: look.tone } : {}),
  }) as BaseRecord & Record<string, unknown>;
  const { brand, copy } = look;
  return {
    ...parsed,
    ...(brand === undefined ? {} : { brand }),
    ...(copy === undefined ? {} : { copy }),
  };
}

/** The first scene that shows nothing personal (usually the intro), or none. */
export function findNeutralScene(template: TemplateDefinition): Scene | undefined {
  return template.scenes.find((scene) => !isPersonal(scene));
}

/** The frame where a scene's picture stands still (its `stillFrom`, else its last frame), on the template's timeline. */
export const getStillFrame = (scene: Scene) =>
  scene.from + Math.min(scene.stillFrom ?? scene.durationInFrames - 1, scene.durationInFrames - 1);

/**
 * The neutral animated e-mail thumbnail of a campaign for one locale: the entrance of the
 * template's first scene that reads no personal field, ending on its still picture (shown first
 * too, for clients that do not animate), with the play badge, under 1 MB. Cached like a segment,
 * keyed by what that scene reads (locale, tone, brand, copy), so it is drawn once and every
 * recipient of the locale gets the same bytes. Written to `output`; returns its segment key.
 */
export async function renderNeutralThumbnail(options: {
  context: RenderContext;
  look: NeutralLook;
  output: string;
  signal?: AbortSignal;
}): Promise<string> {
  const { context } = options;
  const { template } = context;
  const scene = findNeutralScene(template);
  if (!scene) {
    throw new Error(
      `Template ${template.id} has no scene without personal fields to draw a neutral e-mail thumbnail from; give it an intro that reads only locale, tone, brand and copy`,
    );
  }
  const record = makeNeutralRecord({ template, look: options.look });
  const last = getStillFrame(scene);
  const step = Math.max(1, Math.round(template.fps / drawnFps));
  const clip: number[] = [];
  for (let frame = scene.from; frame < last; frame += step) clip.push(frame);
  clip.push(last);
  const chunk = { index: 0, from: scene.from, to: last + 1, scenes: [scene] };
  const key = makeSegmentKey({ ...context, chunk, framesPerChunk: clip.length, record, kind: 'thumbnail' });
  const started = performance.now();
  const fetched = await context.source.fetch({
    key,
    signal: options.signal,
    make: async ({ dir, slot, cancelSignal }) => {
      const pictures = new Map<number, Buffer>();
      const inputProps = record as Record<string, unknown>;
      await renderFrames({
        ...describeTabRender({ ...context, browser: await context.getBrowser(slot), inputProps, cancelSignal }),
        imageFormat: 'png',
        frames: clip,
        muted: true,
        outputDir: null,
        onStart: () => undefined,
        onFrameUpdate: () => undefined,
        onFrameBuffer: (buffer, frame) => void pictures.set(frame, buffer),
      });
      const drawn = clip.map((frame) => pictures.get(frame) ?? Buffer.alloc(0));
      const file = path.join(dir, 'thumb.gif');
      for (const attempt of thumbnailAttempts) {
        const every = Math.max(1, Math.round(drawnFps / attempt.fps));
        const gif = await encodeThumbnailGif({
          poster: drawn.at(-1)!,
          clip: drawn.filter((_, index) => index % every === 0 || index === drawn.length - 1),
          attempt,
        });
        if (gif.data.length <= maxThumbnailBytes) {
          await fs.writeFile(file, gif.data);
          return { 'thumb.gif': file };
        }
      }
      throw new Error(
        `The neutral thumbnail of ${template.id} stays above ${maxThumbnailBytes} bytes even at ${thumbnailAttempts.at(-1)?.width} px`,
      );
    },
  });
  context.onSegment?.({
    kind: 'thumbnail',
    index: 0,
    from: chunk.from,
    to: chunk.to,
    key,
    personal: isPersonalSegment({ template, chunk, kind: 'thumbnail' }),
    rendered: fetched.rendered,
    seconds: (performance.now() - started) / 1000,
  });
  const gif = fetched.files['thumb.gif'];
  if (!gif) throw new Error(`Thumbnail segment ${key} lacks thumb.gif; delete it from the segment cache`);
  await fs.copyFile(gif, options.output);
  return key;
}
