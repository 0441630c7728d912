import { KindlyError, NotFoundError } from '../errors.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Db, Queryable } from '../store/db.ts';
import { forgetOpenRender } from '../store/open-renders.ts';
import { findRecipient, requeueRecipient } from '../store/recipients.ts';
import { requireCampaignMove } from './require-campaign-move.ts';
import { startCampaignRun, type CampaignActionResult } from './start-campaign-run.ts';

/** Why a recipient cannot be rendered again now, by the state they are in. */
const refusals = {
  queued: 'This recipient is already waiting to be rendered',
  rendering: 'This recipient is being rendered now',
} as const;

/**
 * Renders one recipient again (their page and video, at the same link): the campaign's status
 * must allow it (rendering, or done, which goes back to rendering and finishes again), and the
 * recipient must be published or failed. The recipient goes back in the queue and the campaign
 * begins a new run in one transaction, so a refusal changes nothing; then the runner takes it.
 */
export async function rerenderRecipient(options: {
  db: Db;
  runner: JobRunner;
  id: string;
  recordId: string;
}): Promise<CampaignActionResult> {
  const { id, recordId } = options;
  const requeue = async (tx: Queryable) => {
    await requireCampaignMove({ db: tx, id, action: 'rerender' });
    const recipient = await findRecipient({ db: tx, campaignId: id, recordId });
    if (!recipient) {
      throw new NotFoundError({
        problem: 'This campaign has no recipient with this id',
        value: recordId,
        fix: 'Use the id column of links.csv',
      });
    }
    if (recipient.erased) {
      throw new KindlyError({
        problem: 'This recipient was erased; nothing of theirs is left to render',
        value: recordId,
        fix: 'Upload their record again in a new campaign if they are to get a page',
        statusCode: 409,
      });
    }
    const status = recipient.state.status;
    if (status === 'queued' || status === 'rendering') {
      throw new KindlyError({
        problem: refusals[status],
        value: recordId,
        fix: 'Wait for the render to end, then look again',
        statusCode: 409,
      });
    }
    // A render on open running now would land its page over the new one: it ends first.
    if (!(await forgetOpenRender({ db: tx, token: recipient.token }))) {
      throw new KindlyError({
        problem: "This recipient's video is being rendered now, for their page's first view",
        value: recordId,
        fix: 'Wait for the render to end, then look again',
        statusCode: 409,
      });
    }
    if (!(await requeueRecipient({ db: tx, campaignId: id, recordId }))) {
      throw new KindlyError({
        problem: 'This recipient changed while being queued again',
        value: recordId,
        fix: 'Look at the recipient again and retry',
        statusCode: 409,
      });
    }
    // Rendered again, a campaign rendering on open publishes the page live: its next view asks for the video anew.
    return 1;
  };
  return startCampaignRun({ db: options.db, runner: options.runner, id, action: 'rerender', requeue });
}
