import crypto from 'node:crypto';
import path from 'node:path';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { publishNeutralMedia, type NeutralMedia } from '../publish/publish-neutral-media.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { NeutralLook } from '../render/render-neutral-thumbnail.ts';
import type { Queryable } from '../store/db.ts';
import { recordNeutralThumbnail } from '../store/neutral-thumbnails.ts';
import { remember } from './remember-promise.ts';
import { withRenderer, type RendererPool } from './renderer-pool.ts';

/**
 * A look's published neutral media for a template, drawn and published at most once per process,
 * and stored as the campaign's e-mail thumbnail for the look's locale and tone once per campaign.
 */
export type GetTemplateNeutralMedia = (options: {
  template: TemplateDefinition;
  look: NeutralLook;
  db: Queryable;
  campaignId: string;
}) => Promise<NeutralMedia>;

/**
 * Remembers each look's neutral media, so a live campaign of 100,000 pages leases a renderer (and
 * opens a browser) once per look, not once per page. What is being made is shared by every page
 * waiting for it; a failure is forgotten, so the next page tries again.
 */
export function makeNeutralMediaMemo(options: {
  pool: RendererPool;
  publisher: Publisher;
  workRoot: string;
}): GetTemplateNeutralMedia {
  const made = new Map<string, Promise<NeutralMedia>>();
  const recorded = new Map<string, Promise<void>>();
  const make = ({ template, look }: { template: TemplateDefinition; look: NeutralLook }) => {
    const key = JSON.stringify([template.id, template.version, look]);
    const found = made.get(key);
    if (found) return found;
    const making = withRenderer(options.pool, template, (renderer) =>
      publishNeutralMedia({
        renderer,
        publisher: options.publisher,
        look,
        workDir: path.join(options.workRoot, `neutral-${crypto.randomUUID()}`),
      }),
    );
    return remember(made, key, making);
  };
  return async ({ template, look, db, campaignId }) => {
    const media = await make({ template, look });
    const key = JSON.stringify([campaignId, look.locale, look.tone ?? '', media.thumbnail]);
    await (recorded.get(key) ??
      remember(
        recorded,
        key,
        recordNeutralThumbnail({ db, campaignId, locale: look.locale, tone: look.tone, path: media.thumbnail }),
      ));
    return media;
  };
}
