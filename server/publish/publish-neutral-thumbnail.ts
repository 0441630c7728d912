import fs from 'node:fs/promises';
import path from 'node:path';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { resolvePlayback } from '../campaign-options.ts';
import type { Renderer } from '../render/open-renderer.ts';
import type { NeutralLook } from '../render/render-neutral-thumbnail.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { recordNeutralThumbnail } from '../store/neutral-thumbnails.ts';
import type { Publisher } from './publisher.ts';
import { putHashed } from './put-hashed.ts';

/**
 * Whether a campaign's e-mails show a neutral thumbnail: always behind a privacy gate, and for
 * live pages (which draw nothing personal), else when it asks for it.
 */
export const sendsNeutralThumbnail = (options: {
  campaign: Pick<Campaign, 'privacyGate' | 'neutralThumbnail' | 'playback' | 'renderMode'>;
  template: TemplateDefinition | undefined;
}) => {
  const { campaign, template } = options;
  // A campaign rendering on open sends its links before any video exists: its pages go out live.
  const playback = template ? resolvePlayback({ campaign, template }) : campaign.playback;
  return Boolean(campaign.privacyGate) || campaign.neutralThumbnail || playback === 'live';
};

/** The tone a campaign's neutral thumbnails speak in: the campaign's, else the template's default (none without tones). */
export const getNeutralTone = (options: {
  campaign: Pick<Campaign, 'tone'>;
  template: Pick<TemplateDefinition, 'tones'>;
}) => options.campaign.tone ?? options.template.tones?.[0];

/** What a campaign's neutral pictures show for a record: its locale, the campaign's tone, the brand kit and copy the record carries. */
export function makeNeutralLook(options: {
  campaign: Pick<Campaign, 'tone'>;
  template: Pick<TemplateDefinition, 'tones'>;
  record: BaseRecord;
}): NeutralLook {
  const fields = options.record as BaseRecord & { brand?: unknown; copy?: unknown };
  return { locale: fields.locale, tone: getNeutralTone(options), brand: fields.brand, copy: fields.copy };
}

/**
 * Makes sure the campaign's neutral e-mail thumbnail for the record's locale is published as a
 * shared, content-hashed asset (`assets/thumb.<hash>.gif`) and stored for the delivery kit.
 * It is drawn once per locale, tone, brand kit and copy (the segment cache keeps it), so every
 * recipient of the locale gets the same file; the record gives only its locale, brand kit and copy.
 */
export async function publishNeutralThumbnail(options: {
  db: Db;
  publisher: Publisher;
  renderer: Renderer;
  campaign: Campaign;
  template: TemplateDefinition;
  record: BaseRecord;
  workDir: string;
  signal?: AbortSignal;
}): Promise<string> {
  const { campaign, record } = options;
  const look = makeNeutralLook({ campaign, template: options.template, record });
  const { tone } = look;
  const output = path.join(options.workDir, 'neutral-thumb.gif');
  await options.renderer.renderNeutralThumbnail({ look, output, signal: options.signal });
  const key = await putHashed({
    publisher: options.publisher,
    name: 'thumb.gif',
    body: await fs.readFile(output),
    contentType: 'image/gif',
  });
  await fs.rm(output, { force: true });
  await recordNeutralThumbnail({ db: options.db, campaignId: campaign.id, locale: record.locale, tone, path: key });
  return key;
}
