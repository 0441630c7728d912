// The Kindly dashboard: reads the admin API with the key given in the form (kept for this tab),
// and draws its charts as inline SVG. Every value goes in as text, never as markup.
import { describeError } from '../shared/describe-error.ts';
import { byId, el } from '../shared/dom.ts';
import type { Analytics, CampaignSummary, Failure } from './admin-types.ts';
import { makeAdminApi } from './make-admin-api.ts';
import { makeInbox } from './make-inbox.ts';
import { cellText, fillTable, showAnalytics } from './show-analytics.ts';

const state: { key: string | null; selected: string | null; timer: number | undefined } = {
  key: sessionStorage.getItem('kindly-key'),
  selected: null,
  timer: undefined,
};
const campaignPath = (id: string | null) => `/api/campaigns/${encodeURIComponent(id ?? '')}`;

function status(text: string): void {
  byId('status').textContent = text;
}

function showLogin(message = ''): void {
  byId('app').hidden = true;
  byId('login').hidden = false;
  status(message);
}

const api = makeAdminApi({
  getKey: () => state.key,
  onRefused: () => {
    sessionStorage.removeItem('kindly-key');
    showLogin('That key was refused.');
  },
});

async function loadDetail(): Promise<void> {
  const id = state.selected;
  if (!id) return;
  byId('detail').hidden = false;
  byId('detail-title').textContent = id;
  const [analytics, failures] = await Promise.all([
    api<Analytics>(`${campaignPath(id)}/analytics`),
    api<{ failures: Failure[] }>(`${campaignPath(id)}/failures`),
  ]);
  const note = showAnalytics({ analytics });
  if (note) status(note);
  fillTable({
    id: 'failures',
    rows: failures.failures.map((failure) => [failure.recordId, failure.row, failure.attempts, failure.error]),
  });
  byId('retry').hidden = failures.failures.length === 0;
}

function drawCampaign(campaign: CampaignSummary): HTMLTableRowElement {
  const progress = campaign.progress ?? { percent: 0, published: 0, failed: 0 };
  const bar = el('span');
  bar.style.width = `${Math.min(100, progress.percent)}%`;
  const row = el(
    'tr',
    { 'data-id': campaign.id, class: campaign.id === state.selected ? 'selected' : undefined },
    ...[campaign.id, campaign.status, progress.published, progress.failed].map((cell) => el('td', {}, cellText(cell))),
    el('td', {}, el('span', { class: 'progress' }, bar), ` ${progress.percent} %`),
  );
  row.addEventListener('click', () => {
    state.selected = campaign.id;
    void refresh();
  });
  return row;
}

async function loadCampaigns(): Promise<void> {
  const list = await api<{ campaigns: { id: string }[] }>('/api/campaigns');
  const campaigns = await Promise.all(
    list.campaigns.map((campaign) => api<CampaignSummary>(campaignPath(campaign.id))),
  );
  byId<HTMLTableElement>('campaigns').tBodies[0]?.replaceChildren(...campaigns.map(drawCampaign));
  if (!state.selected && campaigns[0]) state.selected = campaigns[0].id;
}

async function refresh(): Promise<void> {
  try {
    await loadCampaigns();
    await loadDetail();
    if (state.selected) await inbox.load(state.selected);
    status(`Updated ${new Date().toLocaleTimeString('en-GB')}`);
  } catch (error) {
    if (describeError(error) !== 'unauthorised') status(describeError(error));
  }
}

function start(): void {
  byId('login').hidden = true;
  byId('app').hidden = false;
  void refresh();
  clearInterval(state.timer);
  state.timer = setInterval(() => void refresh(), 5000);
}

function download(kind: string, query = ''): void {
  const id = state.selected ?? '';
  void api<string>(`${campaignPath(id)}/${kind}.csv${query}`).then((text) => {
    const link = el('a', { download: `${id}-${kind}.csv` });
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    link.click();
  });
}

const inbox = makeInbox({ api, download, status });

byId('login').addEventListener('submit', (event) => {
  event.preventDefault();
  state.key = byId<HTMLInputElement>('key').value;
  sessionStorage.setItem('kindly-key', state.key);
  start();
});
byId('funnel-csv').addEventListener('click', () => download('funnel'));
byId('outcomes-csv').addEventListener('click', () => download('outcomes'));
byId('retry').addEventListener('click', () => {
  api<{ requeued: number }>(`${campaignPath(state.selected)}/retry`, { method: 'POST' }).then(
    (body) => {
      status(`Queued again: ${body.requeued}`);
      return loadDetail();
    },
    (error: unknown) => status(describeError(error)),
  );
});
if (state.key) start();
else showLogin();
