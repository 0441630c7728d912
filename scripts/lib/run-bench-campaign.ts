import type { KindlyServe } from './start-kindly-serve.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `GET /api/campaigns/:id` answers, as far as the bench reads it. */
export type CampaignState = {
  status: string;
  progress: {
    published: number;
    failed: number;
    onOpen: { rendered: number; failed: number; latencyP50Seconds: number | null; latencyP95Seconds: number | null };
  };
};

/**
 * Creates a gentle-reminder campaign on the server, uploads `records` (`count` debtors) and starts
 * it; resolves with its id and the seconds from start until every debtor is published.
 */
export async function runBenchCampaign(
  server: KindlyServe,
  options: { render: 'eager' | 'on-open'; records: string; count: number },
) {
  const campaign = await server.call<{ id: string }>('POST', '/api/campaigns', {
    template: 'gentle-reminder',
    payUrl: `${server.api}/demo/pay`,
    render: options.render,
  });
  const form = new FormData();
  form.append('file', new Blob([options.records], { type: 'text/csv' }), 'records.csv');
  const upload = await server.call<{ accepted: number }>('POST', `/api/campaigns/${campaign.id}/records`, form);
  if (upload.accepted !== options.count) throw new Error(`records upload: ${JSON.stringify(upload)}`);
  while ((await server.call<CampaignState>('GET', `/api/campaigns/${campaign.id}`)).status !== 'ready')
    await sleep(100);
  const started = performance.now();
  await server.call('POST', `/api/campaigns/${campaign.id}/start`);
  for (;;) {
    const state = await server.call<CampaignState>('GET', `/api/campaigns/${campaign.id}`);
    if (state.progress.failed > 0) throw new Error(`campaign ${campaign.id}: ${state.progress.failed} failed`);
    if (state.status === 'done' && state.progress.published === options.count) break;
    await sleep(250);
  }
  return { id: campaign.id, seconds: (performance.now() - started) / 1000 };
}
