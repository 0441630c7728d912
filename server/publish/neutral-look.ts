import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { resolvePlayback } from '../campaign-options.ts';
import type { NeutralLook } from '../render/render-neutral-thumbnail.ts';
import type { Campaign } from '../store/campaigns.ts';

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
 * What the segments shared by a record's look depend on: its locale and own tone, and the brand
 * kit and copy it carries (see implicitReads). Their video shows these, whatever the campaign's
 * neutral pictures speak in.
 */
export function makeSharedLook(options: { record: BaseRecord }): NeutralLook {
  const fields = options.record as BaseRecord & { tone?: unknown; brand?: unknown; copy?: unknown };
  const tone = typeof fields.tone === 'string' ? fields.tone : undefined;
  return { locale: fields.locale, tone, brand: fields.brand, copy: fields.copy };
}
