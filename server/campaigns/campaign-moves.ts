import { campaignStatuses, type CampaignStatus } from '../store/campaigns.ts';

/**
 * What can happen to a campaign. Operators start, pause, resume, cancel, retry failed and take
 * down (unpublish); a records upload moves it through `ingesting`; its last render finishes it.
 */
export const campaignActions = [
  'upload',
  'endUpload',
  'emptyUpload',
  'start',
  'pause',
  'resume',
  'cancel',
  'retry',
  'finish',
  'takeDown',
  'rerender',
] as const;
export type CampaignAction = (typeof campaignActions)[number];

/**
 * The campaign state machine: for each status, the actions it allows and the status each leads
 * to. An action missing from a status's row is refused (see CampaignMoveError).
 */
export const campaignMoves = {
  draft: { upload: 'ingesting', cancel: 'cancelled', takeDown: 'unpublished' },
  ingesting: { endUpload: 'ready', emptyUpload: 'draft', cancel: 'cancelled', takeDown: 'unpublished' },
  ready: { upload: 'ingesting', start: 'rendering', retry: 'rendering', cancel: 'cancelled', takeDown: 'unpublished' },
  rendering: {
    pause: 'paused',
    retry: 'rendering',
    cancel: 'cancelled',
    finish: 'done',
    takeDown: 'unpublished',
  },
  paused: { resume: 'rendering', retry: 'rendering', cancel: 'cancelled', takeDown: 'unpublished' },
  cancelled: { takeDown: 'unpublished' },
  done: { start: 'rendering', retry: 'rendering', takeDown: 'unpublished', rerender: 'rendering' },
  unpublished: { takeDown: 'unpublished' },
} as const satisfies Record<CampaignStatus, Partial<Record<CampaignAction, CampaignStatus>>>;

/** Actions that begin a new run: jobs enqueued after them carry a new run number. */
export const newRunActions: ReadonlySet<CampaignAction> = new Set(['start', 'resume', 'retry', 'rerender']);

/** The status `action` leads to from `status`, or undefined when the table refuses it. */
export function findCampaignMove(options: {
  status: CampaignStatus;
  action: CampaignAction;
}): CampaignStatus | undefined {
  const row: Partial<Record<CampaignAction, CampaignStatus>> = campaignMoves[options.status];
  return row[options.action];
}

/** The status `action` leads to: one per action, whichever status it starts from. */
export function getActionTarget(action: CampaignAction): CampaignStatus {
  const targets = new Set(
    campaignStatuses.map((status) => findCampaignMove({ status, action })).filter((target) => target !== undefined),
  );
  const [target] = targets;
  if (targets.size !== 1 || target === undefined)
    throw new Error(`The campaign moves give ${action} ${targets.size} target statuses; give it exactly one`);
  return target;
}

/** The statuses `action` may start from. */
export function listStatusesAllowing(action: CampaignAction): CampaignStatus[] {
  return campaignStatuses.filter((status) => findCampaignMove({ status, action }) !== undefined);
}
