// The campaign console of the dashboard (operators and admins): a new campaign, its records with
// the mapping step, its rejects, a preview of its pages, its run buttons and downloads, all
// through the public API. It follows the campaign selected in the campaigns table.
import { byId } from '../shared/dom.ts';
import type { AdminApi, CampaignSummary } from './admin-types.ts';
import { mayMove } from './allowed-actions.ts';
import { makeCampaignActions } from './make-campaign-actions.ts';
import { makeCampaignForm } from './make-campaign-form.ts';
import { makePreviews } from './make-previews.ts';
import { makeRecordsUpload } from './make-records-upload.ts';
import { makeRejects } from './make-rejects.ts';

/** What the console says of a campaign: status and counts. */
function describeCampaign(campaign: CampaignSummary): string {
  const progress = campaign.progress;
  if (!progress) return `${campaign.id}: ${campaign.status}`;
  const onOpen = campaign.renderMode === 'on-open' ? progress.onOpen : undefined;
  return [
    `${campaign.id}: ${campaign.status}`,
    `read ${progress.read ?? 0}, accepted ${progress.accepted ?? 0}, rejected ${progress.rejected ?? 0}`,
    `published ${progress.published}, failed ${progress.failed} (${progress.percent} %)`,
    ...(onOpen ? [describeOnOpen(onOpen)] : []),
  ].join(' · ');
}

/** Renders on open: opened pages, videos ready for them, and the wait from view to video. */
function describeOnOpen(onOpen: NonNullable<NonNullable<CampaignSummary['progress']>['onOpen']>): string {
  const wait =
    onOpen.latencyP50Seconds === null
      ? ''
      : ` in ${onOpen.latencyP50Seconds} s (p50), ${onOpen.latencyP95Seconds} s (p95)`;
  const failed = onOpen.failed > 0 ? `, ${onOpen.failed} failing` : '';
  return `opened ${onOpen.opened}, rendered on open ${onOpen.rendered}${wait}${failed}`;
}

/**
 * The console, wired to the dashboard: `select` makes a campaign the selected one (the dashboard
 * refreshes), `show` is given the selected campaign on every refresh.
 */
export function makeConsole(options: {
  api: AdminApi;
  getKey: () => string | null;
  onRefused: () => void;
  /** Downloads a file of the selected campaign; `say` gets a refusal (the header's line by default). */
  download: (kind: string, query?: string, format?: string, say?: (text: string) => void) => void;
  select: (id: string) => void;
  refresh: () => void;
}) {
  const { api } = options;
  const state: { id: string | null; status: string | null } = { id: null, status: null };
  const getCampaign = () => state.id;
  const rejects = makeRejects({ api });
  const previews = makePreviews({ api, getCampaign });
  makeCampaignForm({ api, onCreated: options.select });
  const upload = makeRecordsUpload({
    api,
    getKey: options.getKey,
    onRefused: options.onRefused,
    onUploaded: () => {
      if (state.id) rejects.load(state.id);
      options.refresh();
    },
  });
  const actions = makeCampaignActions({ api, download: options.download, getCampaign, onMoved: options.refresh });

  return {
    show(campaign: CampaignSummary | undefined): void {
      byId('console-work').hidden = !campaign;
      if (!campaign) return;
      const changed = campaign.id !== state.id;
      // The counts line is redrawn quietly on every refresh; a change of status is announced.
      const announce = byId('console-status');
      if (changed) announce.textContent = '';
      else if (campaign.status !== state.status)
        announce.textContent = `Campaign ${campaign.id} is now ${campaign.status}.`;
      state.id = campaign.id;
      state.status = campaign.status;
      const line = byId('console-campaign');
      const text = describeCampaign(campaign);
      if (line.textContent !== text) line.textContent = text;
      upload.setCampaign({
        id: campaign.id,
        mayUpload: mayMove({ status: campaign.status, action: 'upload' }),
        changed,
      });
      actions.show(campaign);
      if (changed) {
        previews.clear();
        rejects.load(campaign.id);
      }
    },
  };
}
