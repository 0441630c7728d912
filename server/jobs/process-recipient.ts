import fs from 'node:fs/promises';
import path from 'node:path';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { resolvePlayback } from '../campaign-options.ts';
import { makeMicrosite, type SiteAssets } from '../render/make-microsite.ts';
import type { Renderer } from '../render/open-renderer.ts';
import { publishBrandAssets } from '../publish/publish-brand-assets.ts';
import { removeRecipientSegments } from '../publish/erase-recipient.ts';
import { publishNeutralThumbnail, sendsNeutralThumbnail } from '../publish/publish-neutral-thumbnail.ts';
import { getMediaFolder, makeRecipientUrl, publishRecipient, recipientPrefix } from '../publish/publish-recipient.ts';
import type { Publisher } from '../publish/publisher.ts';
import { findCampaign, takenDownStatuses, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { makeRecipientProps } from '../render/make-recipient-props.ts';
import { ensureGateShare } from '../store/gate.ts';
import { announceErasedSegments } from '../store/erased-links.ts';
import { recordRecipientSegments, type UsedSegment } from '../store/recipient-segments.ts';
import { setRecipientState, type Recipient, type RecipientState } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';

/**
 * One claimed recipient, start to finish: parse the stored record with the template's schema,
 * render the video, build the page, publish media then page, and record the outcome. A page
 * that lands after its campaign was taken down, or its debtor erased, is removed again. Never
 * throws: the outcome is the recipient's new state.
 */
export async function processRecipient(options: {
  db: Db;
  campaign: Campaign;
  template: TemplateDefinition;
  renderer: Renderer;
  publisher: Publisher;
  assets: SiteAssets;
  recipient: Recipient;
  workRoot: string;
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
}): Promise<RecipientState> {
  const { db, campaign, recipient, publisher } = options;
  const workDir = path.join(options.workRoot, recipient.token);
  let state: RecipientState;
  // Every segment the render touches, indexed even when the render fails: an erasure must find what it cached.
  const segments = new Map<string, UsedSegment>();
  try {
    // The brand kit and the template version's copy ride with the record: the composition's
    // props, the page and the segment keys all see them.
    const record = await makeRecipientProps({ db, campaign, template: options.template, data: recipient.data });
    const playback = resolvePlayback({ campaign, template: options.template });
    // Live-only pages play the composition in the browser: no MP4 is rendered for them.
    const withVideo = playback !== 'live';
    // A neutral e-mail thumbnail replaces the personal GIF, which is then not made at all.
    const neutral = sendsNeutralThumbnail(campaign);
    const onSegment = (segment: UsedSegment) => void segments.set(segment.key, segment);
    const media = await options.renderer.renderRecipient({
      record,
      workDir,
      withVideo,
      delivery: campaign.videoDelivery,
      animatedThumbnail: !neutral,
      signal: options.signal,
      onProgress: options.onProgress,
      onSegment,
    });
    // Indexed before anything is published, so an erasure finds every personal segment made.
    await recordRecipientSegments({ db, token: recipient.token, segments: [...segments.values()] });
    if (neutral)
      await publishNeutralThumbnail({
        db,
        publisher,
        renderer: options.renderer,
        campaign,
        template: options.template,
        record,
        workDir,
        signal: options.signal,
      });
    const assets = campaign.brand
      ? { ...options.assets, ...(await publishBrandAssets({ publisher, brand: campaign.brand })) }
      : options.assets;
    const gate = campaign.privacyGate && {
      field: campaign.privacyGate.field,
      share: await ensureGateShare({ db, token: recipient.token }),
    };
    const html = await makeMicrosite({
      template: options.template,
      record,
      token: recipient.token,
      trackBase: campaign.trackUrl,
      assets,
      playback,
      planRules: campaign.planRules,
      gate,
      video: campaign.videoDelivery,
    });
    await publishRecipient({
      publisher,
      token: recipient.token,
      media,
      html,
      mediaFolder: getMediaFolder({ gateShare: gate?.share }),
    });
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
  try {
    return await recordOutcome({ ...options, state });
  } catch (error) {
    // The store or the CDN failed while the outcome was recorded: a retryable failure, recorded if the store takes it.
    const failed: RecipientState = { status: 'failed', ...describeFailure(error), retryable: true };
    await setRecipientState({ db, token: recipient.token, state: failed }).catch(() => undefined);
    return failed;
  }
}

/**
 * Records a render's outcome: a page that landed after its campaign was taken down goes again
 * (the recipient waits queued), and what was made for a debtor erased meanwhile goes as the erasure's did.
 */
async function recordOutcome(options: {
  db: Db;
  campaign: Campaign;
  renderer: Renderer;
  publisher: Publisher;
  recipient: Recipient;
  state: RecipientState;
}): Promise<RecipientState> {
  const { db, recipient, publisher } = options;
  let { state } = options;
  const now = await findCampaign({ db, id: options.campaign.id });
  if (state.status === 'published' && now && takenDownStatuses.includes(now.status)) {
    await publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
    state = { status: 'queued' };
  }
  const recorded = await setRecipientState({ db, token: recipient.token, state });
  if (!recorded) {
    await publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
    await announceErasedSegments({
      db,
      keys: await removeRecipientSegments({ db, segmentCache: options.renderer, token: recipient.token }),
    });
  }
  return state;
}
