import fs from 'node:fs/promises';
import path from 'node:path';
import type { PlaybackMode, TemplateDefinition } from '../../templates/template-definition.ts';
import { resolvePlayback } from '../campaign-options.ts';
import { makeMicrosite, type SiteAssets } from '../render/make-microsite.ts';
import type { Renderer } from '../render/open-renderer.ts';
import { publishBrandAssets } from '../publish/publish-brand-assets.ts';
import { publishNeutralMedia, type GetNeutralMedia } from '../publish/publish-neutral-media.ts';
import { makeNeutralLook, makeSharedLook, sendsNeutralThumbnail } from '../publish/neutral-look.ts';
import type { NeutralLook } from '../render/render-neutral-thumbnail.ts';
import {
  getMediaFolder,
  makeRecipientUrl,
  publishLiveRecipient,
  publishRecipient,
} from '../publish/publish-recipient.ts';
import { makeCaptions } from '../render/make-captions.ts';
import { recordNeutralThumbnail } from '../store/neutral-thumbnails.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { makeRecipientProps } from '../render/make-recipient-props.ts';
import { ensureGateShare } from '../store/gate.ts';
import { recordRecipientSegments, type UsedSegment } from '../store/recipient-segments.ts';
import type { Recipient, RecipientState } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';
import { recordOutcomes } from './record-outcomes.ts';

/**
 * One claimed recipient, start to finish: parse the stored record with the template's schema,
 * render the video (a live page draws nothing: it shows the look's shared neutral poster until
 * its player runs), build the page, publish media then page, and record the outcome. A page
 * that lands after its campaign was taken down, or its debtor erased, is removed again. Never
 * throws: the outcome is the recipient's new state. The renderer is asked for only when a
 * picture must be drawn.
 */
export async function processRecipient(options: RecipientWork): Promise<RecipientState> {
  const state = await makeRecipientState(options);
  const [recorded] = await recordOutcomes({
    ...options,
    // A live page made no segment of its own: the renderer is opened only if older ones are left.
    segmentCache: { remove: async (segment) => (await options.getRenderer()).remove(segment) },
    outcomes: [{ recipient: options.recipient, state }],
  });
  return recorded ?? state;
}

/** What making one claimed recipient's page takes. */
export type RecipientWork = {
  db: Db;
  campaign: Campaign;
  template: TemplateDefinition;
  getRenderer: () => Promise<Renderer>;
  /**
   * The look's published neutral media, stored as the campaign's e-mail thumbnail for its locale
   * and tone (a memo where the process lives long); drawn with the renderer otherwise.
   */
  getNeutralMedia?: GetNeutralMedia;
  /** Starts making a look's shared segments, for a page whose video renders on open (see makeSharedWarmer). */
  warmShared?: (look: NeutralLook) => void;
  publisher: Publisher;
  assets: SiteAssets;
  recipient: Recipient;
  workRoot: string;
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
  /**
   * A render on open: the page of a recipient published already goes out again with this playback
   * (see runOpenRenderJob); their status and link stay as they are.
   */
  republishAs?: PlaybackMode;
};

/**
 * Renders (or, for a live page, only builds) and publishes one claimed recipient's page, and
 * says what became of it, without recording it (see recordOutcomes). Never throws.
 */
export async function makeRecipientState(options: RecipientWork): Promise<RecipientState> {
  const { db, campaign, recipient, publisher, template } = options;
  const workDir = path.join(options.workRoot, recipient.token);
  let state: RecipientState;
  // Every segment the render touches, indexed even when the render fails: an erasure must find what it cached.
  const segments = new Map<string, UsedSegment>();
  try {
    // The brand kit and the template version's copy ride with the record: the composition's
    // props, the page and the segment keys all see them.
    const record = await makeRecipientProps({ db, campaign, template, data: recipient.data });
    const playback = options.republishAs ?? resolvePlayback({ campaign, template });
    const assets = campaign.brand
      ? { ...options.assets, ...(await publishBrandAssets({ publisher, brand: campaign.brand })) }
      : options.assets;
    const gate = campaign.privacyGate && {
      field: campaign.privacyGate.field,
      share: await ensureGateShare({ db, token: recipient.token }),
    };
    const page = {
      template,
      record,
      token: recipient.token,
      trackBase: campaign.trackUrl,
      assets,
      playback,
      planRules: campaign.planRules,
      gate,
    };
    const mediaFolder = getMediaFolder({ gateShare: gate?.share });
    const look = makeNeutralLook({ campaign, template, record });
    const getNeutralMedia: GetNeutralMedia =
      options.getNeutralMedia ??
      (async (each) => {
        const media = await publishNeutralMedia({
          ...each,
          renderer: await options.getRenderer(),
          publisher,
          workDir,
        });
        const { locale, tone } = each.look;
        await recordNeutralThumbnail({ db, campaignId: campaign.id, locale, tone, path: media.thumbnail });
        return media;
      });
    if (playback === 'live') {
      if (campaign.renderMode === 'on-open') options.warmShared?.(makeSharedLook({ record }));
      const neutral = await getNeutralMedia({ look, signal: options.signal });
      const html = await makeMicrosite({ ...page, poster: neutral.poster });
      const captions = makeCaptions({ cues: template.getCues(record), fps: template.fps });
      await publishLiveRecipient({ publisher, token: recipient.token, captions, html, mediaFolder });
    } else {
      // A neutral e-mail thumbnail replaces the personal GIF, which is then not made at all.
      const neutral = sendsNeutralThumbnail({ campaign, template });
      const renderer = await options.getRenderer();
      const media = await renderer.renderRecipient({
        record,
        workDir,
        delivery: campaign.videoDelivery,
        animatedThumbnail: !neutral,
        signal: options.signal,
        onProgress: options.onProgress,
        onSegment: (segment: UsedSegment) => void segments.set(segment.key, segment),
      });
      // Indexed before anything is published, so an erasure finds every personal segment made.
      await recordRecipientSegments({ db, token: recipient.token, segments: [...segments.values()] });
      // The look's neutral e-mail thumbnail, made once (a memo where the process lives long), not per page.
      if (neutral) await getNeutralMedia({ look, signal: options.signal });
      const html = await makeMicrosite({ ...page, video: campaign.videoDelivery });
      await publishRecipient({ publisher, token: recipient.token, media, html, mediaFolder });
    }
    options.onProgress?.(1);
    state = { status: 'published', url: makeRecipientUrl({ baseUrl: campaign.baseUrl, token: recipient.token }) };
  } catch (error) {
    state = { status: 'failed', ...describeFailure(error) };
    // A failed render may still have cached a personal chunk; a store that fails here too leaves the failure as it is.
    if (segments.size > 0)
      await recordRecipientSegments({ db, token: recipient.token, segments: [...segments.values()] }).catch(
        () => undefined,
      );
  } finally {
    // A work folder left behind is litter, not a failed render.
    await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
  return state;
}
