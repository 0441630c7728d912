import fs from 'node:fs/promises';
import path from 'node:path';
import type { Renderer } from '../render/open-renderer.ts';
import type { NeutralLook } from '../render/render-neutral-thumbnail.ts';
import type { Publisher } from './publisher.ts';
import { putHashed } from './put-hashed.ts';

/** Site paths of a look's shared, content-hashed neutral pictures: the page's poster and the e-mail's animated thumbnail. */
export type NeutralMedia = { poster: string; thumbnail: string };

/** Gives the neutral media of a look, published and stored as the campaign's e-mail thumbnail (see makeNeutralMediaMemo). */
export type GetNeutralMedia = (options: { look: NeutralLook; signal?: AbortSignal }) => Promise<NeutralMedia>;

/**
 * Draws (or takes from the segment cache) a look's neutral poster and e-mail thumbnail and
 * publishes both as shared assets: every recipient of the look gets the same two files, and
 * none of them shows anybody's values.
 */
export async function publishNeutralMedia(options: {
  renderer: Pick<Renderer, 'renderNeutralPoster' | 'renderNeutralThumbnail'>;
  publisher: Publisher;
  look: NeutralLook;
  workDir: string;
  signal?: AbortSignal;
}): Promise<NeutralMedia> {
  const { renderer, publisher, look, signal } = options;
  await fs.mkdir(options.workDir, { recursive: true });
  const files = {
    poster: path.join(options.workDir, 'neutral-poster.jpg'),
    webp: path.join(options.workDir, 'neutral-poster.webp'),
    gif: path.join(options.workDir, 'neutral-thumb.gif'),
  };
  try {
    await renderer.renderNeutralPoster({ look, poster: files.poster, thumbnail: files.webp, signal });
    await renderer.renderNeutralThumbnail({ look, output: files.gif, signal });
    const [poster, thumbnail] = await Promise.all([
      putHashed({ publisher, name: 'poster.jpg', body: await fs.readFile(files.poster), contentType: 'image/jpeg' }),
      putHashed({ publisher, name: 'thumb.gif', body: await fs.readFile(files.gif), contentType: 'image/gif' }),
    ]);
    return { poster, thumbnail };
  } finally {
    await Promise.all(Object.values(files).map((file) => fs.rm(file, { force: true })));
  }
}
