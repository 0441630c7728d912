import { KindlyError } from '../errors.ts';
import type { CampaignStatus } from '../store/campaigns.ts';
import { listStatusesAllowing, type CampaignAction } from './campaign-moves.ts';

/** What to do instead, by action refused. */
const hints: Record<CampaignAction, string> = {
  upload: 'wait for the upload in progress, or create a new campaign',
  endUpload: 'upload the records again',
  emptyUpload: 'upload the records again',
  start: 'resume a paused campaign, retry a rendering one',
  pause: 'only a rendering campaign can pause',
  resume: 'start a ready or done campaign',
  cancel: 'take a finished campaign down with DELETE /api/campaigns/:id/published',
  retry: 'upload records to a draft campaign first',
  finish: 'a campaign finishes by itself when its last render ends',
  takeDown: 'a campaign can always be taken down',
  rerender:
    'wait until the campaign is done (a running campaign renders its own queue first); a cancelled or taken-down campaign renders nothing again',
};

/** How a refusal reads, where the action's name alone would not say it plainly. */
const problems: Partial<Record<CampaignAction, (status: CampaignStatus) => string>> = {
  upload: (status) => `Records can only be added to a draft or ready campaign; this one is ${status}`,
  rerender: (status) => `One recipient can be rendered again only in a done campaign; this one is ${status}`,
};

/** A campaign asked to do what its status does not allow (409): names the status, the action and what to do. */
export class CampaignMoveError extends KindlyError {
  readonly campaignId: string;
  readonly status: CampaignStatus;
  readonly action: CampaignAction;

  constructor(options: { campaignId: string; status: CampaignStatus; action: CampaignAction }) {
    const allowed = listStatusesAllowing(options.action);
    super({
      problem:
        problems[options.action]?.(options.status) ?? `A campaign that is ${options.status} cannot ${options.action}`,
      value: options.campaignId,
      fix: `${options.action} works on campaigns that are ${allowed.join(' or ')}; ${hints[options.action]}`,
      statusCode: 409,
    });
    this.name = 'CampaignMoveError';
    this.campaignId = options.campaignId;
    this.status = options.status;
    this.action = options.action;
  }
}
