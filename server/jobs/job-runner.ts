import type { Campaign } from '../store/campaigns.ts';
import type { OpenRenderJob } from '../store/open-renders.ts';

/**
 * Where render jobs go: BullMQ on Redis (any number of `kindly worker`s) or this process.
 * The API and CLI only know this type.
 */
export type JobRunner = {
  kind: 'queue' | 'in-process';
  /**
   * Queues every queued recipient of the campaign for the campaign's current run.
   * `replaceFinished`: a job of this run that already ended is replaced (the sweeper's repair).
   */
  startCampaign: (options: { campaign: Campaign; replaceFinished?: boolean }) => Promise<{ enqueued: number }>;
  /**
   * Queues the render of a recipient whose page was just opened (an on-open campaign), ahead of
   * every eager render waiting. One job per recipient however often it is called; `replaceFinished`:
   * an ended job of theirs is replaced (the sweeper's repair).
   */
  renderOnOpen: (options: { job: OpenRenderJob; replaceFinished?: boolean }) => Promise<void>;
  /** Takes the campaign's waiting jobs back (pause, cancel, take-down), renders on open too; running renders finish. */
  stopCampaign: (options: { campaignId: string }) => Promise<void>;
  /** Jobs waiting, running and failed, for metrics. */
  getDepth: () => Promise<{ waiting: number; active: number; delayed: number; failed: number }>;
  close: () => Promise<void>;
};
