import fs from 'node:fs/promises';
import path from 'node:path';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { KindlyError } from '../errors.ts';
import { makeMicrosite, type SiteAssets } from '../render/make-microsite.ts';
import type { Renderer } from '../render/open-renderer.ts';
import { makeRecipientUrl, publishRecipient, recipientPrefix } from '../publish/publish-recipient.ts';
import type { Publisher } from '../publish/publisher.ts';
import { findCampaign, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { ensureGateShare } from '../store/gate.ts';
import { setRecipientState, type Recipient, type RecipientState } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';

/** Campaigns whose pages must not go (back) online. */
const takenDown = new Set(['cancelled', 'unpublished']);

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
  try {
    const parsed = options.template.schema.safeParse(recipient.data);
    if (!parsed.success) {
      throw new KindlyError({
        problem: `The stored record no longer fits template ${options.template.id}@${options.template.version}`,
        value: parsed.error.issues[0]?.path.join('.'),
        fix: 'Fix the record and upload it again',
      });
    }
    const media = await options.renderer.renderRecipient({ record: parsed.data, workDir, signal: options.signal, onProgress: options.onProgress });
    const gate = campaign.privacyGate && { field: campaign.privacyGate.field, share: await ensureGateShare({ db, token: recipient.token }) };
    const html = await makeMicrosite({
      template: options.template,
      record: parsed.data,
      token: recipient.token,
      trackBase: campaign.trackUrl,
      assets: options.assets,
      planRules: campaign.planRules,
      gate,
    });
    await publishRecipient({ publisher, token: recipient.token, media, html });
    state = { status: 'published', url: makeRecipientUrl({ baseUrl: campaign.baseUrl, token: recipient.token }) };
  } catch (error) {
    state = { status: 'failed', ...describeFailure(error) };
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
  const now = await findCampaign({ db, id: campaign.id });
  if (state.status === 'published' && now && takenDown.has(now.status)) {
    await publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
    state = { status: 'queued' };
  }
  const recorded = await setRecipientState({ db, token: recipient.token, state });
  if (!recorded) await publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
  return state;
}
