import fs from 'node:fs/promises';
import path from 'node:path';
import { renderStill } from '@remotion/renderer';
import type { BaseRecord } from '../../templates/template-definition.ts';
import { isPersonalSegment, makeSegmentKey } from './make-segment-key.ts';
import type { RenderContext } from './render-context.ts';
import { writePosterThumbnail } from './write-poster-thumbnail.ts';

/**
 * The poster (the template's poster frame unless `frame` says another, JPEG) and its 640px WebP
 * thumbnail, copied to `poster` and `thumbnail`. Cached like a chunk, keyed by the fields of the scene it shows.
 */
export async function renderPoster(options: {
  context: RenderContext;
  record: BaseRecord;
  poster: string;
  thumbnail: string;
  frame?: number;
  signal?: AbortSignal;
}): Promise<void> {
  const { context, record } = options;
  const frame = options.frame ?? context.template.posterFrame;
  const scenes = context.template.scenes.filter(
    (scene) => scene.from <= frame && frame < scene.from + scene.durationInFrames,
  );
  const chunk = { index: 0, from: frame, to: frame + 1, scenes };
  const key = makeSegmentKey({ ...context, chunk, framesPerChunk: 1, record, kind: 'poster' });
  const inputProps = record as Record<string, unknown>;
  const started = performance.now();
  const fetched = await context.source.fetch({
    key,
    signal: options.signal,
    make: async ({ dir, slot, cancelSignal }) => {
      const files = { 'poster.jpg': path.join(dir, 'poster.jpg'), 'thumb.webp': path.join(dir, 'thumb.webp') };
      await renderStill({
        composition: { ...context.composition, props: inputProps },
        serveUrl: context.serveUrl,
        inputProps,
        puppeteerInstance: await context.getBrowser(slot),
        browserExecutable: context.browserExecutable,
        cancelSignal,
        logLevel: 'error',
        output: files['poster.jpg'],
        frame,
        imageFormat: 'jpeg',
        jpegQuality: 85,
        scale: context.settings.scale,
        overwrite: true,
      });
      await writePosterThumbnail({ poster: files['poster.jpg'], thumbnail: files['thumb.webp'] });
      return files;
    },
  });
  context.onSegment?.({
    kind: 'poster',
    index: 0,
    from: frame,
    to: frame + 1,
    key,
    personal: isPersonalSegment({ template: context.template, chunk, kind: 'poster' }),
    rendered: fetched.rendered,
    seconds: (performance.now() - started) / 1000,
  });
  const poster = fetched.files['poster.jpg'];
  const thumbnail = fetched.files['thumb.webp'];
  if (!poster || !thumbnail)
    throw new Error(`Poster segment ${key} lacks poster.jpg or thumb.webp; delete it from the segment cache`);
  await fs.copyFile(poster, options.poster);
  await fs.copyFile(thumbnail, options.thumbnail);
}
