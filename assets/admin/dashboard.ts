// The Kindly dashboard: reads the admin API with the key given in the form (kept for this tab),
// and draws its charts as inline SVG. Every value goes in as text, never as markup.
import { describeError } from '../shared/describe-error.ts';
import { byId, el } from '../shared/dom.ts';
import type { Analytics, CampaignSummary, Caller, Failure } from './admin-types.ts';
import { describeRefusal } from './describe-refusal.ts';
import { keepScrollBoxesReachable } from './keep-scroll-boxes-reachable.ts';
import { makeAdminApi } from './make-admin-api.ts';
import { makeAudit } from './make-audit.ts';
import { makeConsole } from './make-console.ts';
import { makeDebtorSearch } from './make-debtor-search.ts';
import { makeInbox } from './make-inbox.ts';
import { cellText, fillTable, showAnalytics } from './show-analytics.ts';
import { campaignPath } from './campaign-path.ts';

const state: {
  key: string | null;
  selected: string | null;
  timer: number | undefined;
  caller: Caller | null;
  /** A refresh is running; `again` asks it to run once more when done. */
  refreshing: boolean;
  again: boolean;
} = {
  key: sessionStorage.getItem('kindly-key'),
  selected: null,
  timer: undefined,
  caller: null,
  refreshing: false,
  again: false,
};
/** What the key's role may use (the API refuses the rest; the page does not offer it). */
const may = {
  campaigns: () => ['admin', 'operator', 'analyst'].includes(state.caller?.role ?? ''),
  operate: () => ['admin', 'operator'].includes(state.caller?.role ?? ''),
  audit: () => state.caller?.role === 'admin',
};

function status(text: string): void {
  byId('status').textContent = text;
}

function showLogin(message = ''): void {
  byId('app').hidden = true;
  byId('login').hidden = false;
  status(message);
}

/** A refused key: the page stops asking and shows the sign-in again. */
function onRefused(): void {
  // Nothing more is asked with it: the API counts wrong keys per address.
  clearTimeout(state.timer);
  state.timer = undefined;
  state.again = false;
  state.key = null;
  sessionStorage.removeItem('kindly-key');
  showLogin('That key was refused.');
}
const api = makeAdminApi({ getKey: () => state.key, onRefused });

async function loadDetail(): Promise<void> {
  const id = state.selected;
  if (!id) return;
  byId('detail').hidden = false;
  byId('detail-title').textContent = id;
  const [analytics, failures] = await Promise.all([
    api<Analytics>(`${campaignPath(id)}/analytics`),
    may.operate() ? api<{ failures: Failure[] }>(`${campaignPath(id)}/failures`) : { failures: [] },
  ]);
  const note = showAnalytics({ analytics });
  if (note) status(note);
  fillTable({
    id: 'failures',
    rows: failures.failures.map((failure) => [failure.recordId, failure.row, failure.attempts, failure.error]),
  });
}

/** A campaign rendering on open: how many pages were opened and how many of their videos are ready. */
function describeOpened(campaign: CampaignSummary): string {
  const onOpen = campaign.renderMode === 'on-open' ? campaign.progress?.onOpen : undefined;
  return onOpen ? ` · opened ${onOpen.opened}, rendered ${onOpen.rendered}` : '';
}

function drawCampaign(campaign: CampaignSummary): HTMLTableRowElement {
  const progress = campaign.progress ?? { percent: 0, published: 0, failed: 0 };
  const bar = el('span');
  bar.style.width = `${Math.min(100, progress.percent)}%`;
  const selected = campaign.id === state.selected;
  // A button per campaign, so the keyboard can choose one too; the chosen one says so to screen readers.
  const choose = el(
    'button',
    { type: 'button', class: 'campaign-pick', 'aria-current': selected ? 'true' : undefined },
    campaign.id,
  );
  const row = el(
    'tr',
    { 'data-id': campaign.id, class: selected ? 'selected' : undefined },
    el('td', {}, choose),
    ...[campaign.status, progress.published, progress.failed].map((cell) => el('td', {}, cellText(cell))),
    el('td', {}, el('span', { class: 'progress' }, bar), ` ${progress.percent} %${describeOpened(campaign)}`),
  );
  row.addEventListener('click', () => {
    state.selected = campaign.id;
    void refresh();
  });
  return row;
}

async function loadCampaigns(): Promise<CampaignSummary[]> {
  const list = await api<{ campaigns: { id: string }[] }>('/api/campaigns');
  const campaigns = await Promise.all(
    list.campaigns.map((campaign) => api<CampaignSummary>(campaignPath(campaign.id))),
  );
  const table = byId<HTMLTableElement>('campaigns');
  // The list is redrawn every few seconds: the keyboard's place in it is kept.
  const focused = document.activeElement?.closest('#campaigns tr')?.getAttribute('data-id');
  table.tBodies[0]?.replaceChildren(...campaigns.map(drawCampaign));
  if (focused) table.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(focused)}"] button`)?.focus();
  if (!state.selected && campaigns[0]) state.selected = campaigns[0].id;
  return campaigns;
}

/**
 * Reads everything the page shows. One refresh at a time: asked while one runs, it runs once more
 * after it. The next one is due 5 s after the last ends, while the key holds.
 */
async function refresh(): Promise<void> {
  if (state.refreshing) {
    state.again = true;
    return;
  }
  state.refreshing = true;
  clearTimeout(state.timer);
  try {
    await readAll();
  } finally {
    state.refreshing = false;
  }
  if (!state.key) return;
  if (state.again) {
    state.again = false;
    return refresh();
  }
  state.timer = setTimeout(() => void refresh(), 5000);
}

async function readAll(): Promise<void> {
  try {
    if (!may.campaigns()) return;
    const campaigns = await loadCampaigns();
    if (may.operate()) campaignConsole.show(campaigns.find((campaign) => campaign.id === state.selected));
    await loadDetail();
    if (state.selected && may.operate()) await inbox.load(state.selected);
    status(`Updated ${new Date().toLocaleTimeString('en-GB')}`);
  } catch (error) {
    if (describeError(error) !== 'unauthorised') status(describeError(error));
  }
}

/** Shows only what the key's role may use, and says whose key it is. */
function showForRole(caller: Caller): void {
  state.caller = caller;
  byId('campaigns-section').hidden = !may.campaigns();
  for (const element of document.querySelectorAll<HTMLElement>('.operator-only')) element.hidden = !may.operate();
  if (!may.operate()) byId('inbox').hidden = true;
  byId('audit').hidden = !may.audit();
  byId('debtor').hidden = !may.operate();
  const note = byId('role-note');
  note.hidden = caller.role !== 'designer';
  note.textContent = 'Your role is designer: templates and their previews are in the studio, at /studio.';
  byId('app').dataset.role = caller.role;
  byId('app').dataset.user = caller.userName;
}

async function start(): Promise<void> {
  byId('login').hidden = true;
  byId('app').hidden = false;
  try {
    showForRole(await api<Caller>('/api/me'));
  } catch (error) {
    if (describeError(error) !== 'unauthorised') status(describeError(error));
    return;
  }
  if (may.audit()) audit.load().catch((error: unknown) => status(describeError(error)));
  void refresh();
}

/** Downloads one file of the selected campaign (`links`, `delivery` as csv or json...) as the API makes it. */
function download(kind: string, query = '', format = 'csv', say: (text: string) => void = status): void {
  const id = state.selected ?? '';
  api<unknown>(`${campaignPath(id)}/${kind}.${format}${query}`).then(
    (body) => {
      const link = el('a', { download: `${id}-${kind}.${format}` });
      // JSON answers come parsed; they are written back as the JSON they were.
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      link.href = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'text/csv' }));
      link.click();
      // The browser has taken the file once the click is handled: the blob can go.
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
    },
    (error: unknown) => say(describeRefusal(error)),
  );
}

const inbox = makeInbox({ api, download, status });
const audit = makeAudit({ api, status });
const campaignConsole = makeConsole({
  api,
  getKey: () => state.key,
  onRefused,
  download,
  select: (id) => {
    state.selected = id;
    void refresh();
  },
  refresh: () => void refresh(),
});
makeDebtorSearch({ api });

byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.key = byId<HTMLInputElement>('key').value;
  sessionStorage.setItem('kindly-key', state.key);
  byId<HTMLInputElement>('key').value = '';
  void start();
});
byId('funnel-csv').addEventListener('click', () => download('funnel'));
byId('outcomes-csv').addEventListener('click', () => download('outcomes'));
keepScrollBoxesReachable();
if (state.key) void start();
else showLogin();
