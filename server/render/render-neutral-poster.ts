import type { RenderContext } from './render-context.ts';
import { findNeutralScene, getStillFrame, makeNeutralRecord, type NeutralLook } from './render-neutral-thumbnail.ts';
import { renderPoster } from './render-poster.ts';

/**
 * The neutral poster of a campaign's look (locale, tone, brand kit, copy): the still picture of
 * the template's first scene that reads no personal field, drawn with an example record, so it
 * shows nobody's values. A live page shows it until its player runs (or where it cannot), so
 * publishing a live page draws nothing for its recipient. Cached like a segment: drawn once per look.
 */
export async function renderNeutralPoster(options: {
  context: RenderContext;
  look: NeutralLook;
  poster: string;
  thumbnail: string;
  signal?: AbortSignal;
}): Promise<void> {
  const { context } = options;
  const { template } = context;
  const scene = findNeutralScene(template);
  if (!scene) {
    throw new Error(
      `Template ${template.id} has no scene without personal fields to draw a neutral poster from; give it an intro that reads only locale, tone, brand and copy`,
    );
  }
  await renderPoster({
    context,
    record: makeNeutralRecord({ template, look: options.look }),
    poster: options.poster,
    thumbnail: options.thumbnail,
    frame: getStillFrame(scene),
    signal: options.signal,
  });
}
