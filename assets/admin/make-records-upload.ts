// Records for the selected campaign: a drop zone (and a file input for the keyboard), the head of
// the file read against the template, the mapping step when a required field has no column, then
// the upload with bytes sent and rows read (the campaign's `progress.read`, polled every second).
import { byId } from '../shared/dom.ts';
import type { AdminApi, CampaignSummary, FileColumns, UploadCounts } from './admin-types.ts';
import { describeRefusal } from './describe-refusal.ts';
import { askColumnMap, needsMap, readSuggestedMap, type ColumnMap } from './make-column-mapping.ts';
import { sendRecords } from './send-records.ts';

/** What the API reads of a file to name its columns: the head only (contract: 256 KiB). */
const headBytes = 262_144;

/**
 * The records part of the console. `setCampaign` follows the selection (the drop zone is open
 * only while the campaign's status allows an upload); `onUploaded` gets the counts.
 */
export function makeRecordsUpload(options: {
  api: AdminApi;
  getKey: () => string | null;
  onUploaded: (counts: UploadCounts) => void;
}) {
  const { api } = options;
  const zone = byId('drop-zone');
  const input = byId<HTMLInputElement>('records-file');
  const line = byId('upload-status');
  const bar = byId<HTMLProgressElement>('upload-progress');
  const state: { id: string | null; open: boolean; busy: boolean } = { id: null, open: false, busy: false };
  const path = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

  async function readColumns(id: string, file: File): Promise<FileColumns> {
    const form = new FormData();
    form.append('file', file.slice(0, headBytes), file.name);
    return api<FileColumns>(`${path(id)}/records/columns`, { method: 'POST', body: form });
  }

  async function upload(id: string, file: File, map: ColumnMap | undefined): Promise<void> {
    byId('upload-bar').hidden = false;
    bar.value = 0;
    let sent = 'sending';
    let read = 0;
    const show = () => (line.textContent = `Uploading ${file.name}: ${sent} · rows read: ${read}`);
    show();
    const poll = setInterval(() => {
      api<CampaignSummary>(path(id)).then(
        (campaign) => {
          read = campaign.progress?.read ?? read;
          show();
        },
        () => undefined,
      );
    }, 1000);
    try {
      const counts = await sendRecords({
        path: `${path(id)}/records`,
        key: options.getKey(),
        file,
        map,
        onSent: (share) => {
          bar.value = share;
          sent = `${Math.round(share * 100)} % sent`;
          show();
        },
      });
      bar.value = 1;
      line.textContent = `Uploaded ${file.name}: read ${counts.read}, accepted ${counts.accepted}, rejected ${counts.rejected}.`;
      options.onUploaded(counts);
    } finally {
      clearInterval(poll);
    }
  }

  async function take(file: File): Promise<void> {
    const id = state.id;
    if (!id || state.busy) return;
    state.busy = true;
    try {
      line.textContent = `Reading the columns of ${file.name}…`;
      const columns = await readColumns(id, file);
      let map: ColumnMap | null | undefined = needsMap(columns) ? readSuggestedMap(columns) : undefined;
      if (columns.missing.length > 0) {
        line.textContent = `Choose a column for ${columns.missing.join(', ')}.`;
        map = await askColumnMap(columns);
        if (!map) {
          line.textContent = 'Upload cancelled.';
          return;
        }
      }
      await upload(id, file, map);
    } catch (error) {
      line.textContent = describeRefusal(error);
    } finally {
      state.busy = false;
      input.value = '';
    }
  }

  // A file dropped beside the zone would open in the tab, leaving the dashboard.
  for (const type of ['dragover', 'drop'] as const)
    window.addEventListener(type, (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void take(file);
  });
  zone.addEventListener('dragover', (event) => {
    if (!state.open) return;
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file && state.open) void take(file);
  });

  return {
    setCampaign(options: { id: string; mayUpload: boolean; changed: boolean }): void {
      state.id = options.id;
      state.open = options.mayUpload || state.busy;
      zone.hidden = !state.open;
      byId('upload-closed').hidden = state.open;
      input.disabled = !state.open;
      // A mapping step belongs to the campaign it was asked for: another selection ends it.
      if (options.changed && !byId('mapping').hidden) byId('mapping-cancel').click();
      if (options.changed && !state.busy) {
        line.textContent = '';
        byId('upload-bar').hidden = true;
      }
    },
  };
}
