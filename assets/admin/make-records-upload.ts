// Records for the selected campaign: a drop zone (and a file input for the keyboard), the head of
// the file read against the template, the mapping step when a required field has no column, then
// the upload with bytes sent and rows read (the campaign's `progress.read`, polled every second,
// counted from its value before this upload).
import { byId } from '../shared/dom.ts';
import type { AdminApi, CampaignSummary, FileColumns, UploadCounts } from './admin-types.ts';
import { describeError } from '../shared/describe-error.ts';
import { campaignPath } from './campaign-path.ts';
import { describeRefusal } from './describe-refusal.ts';
import { askColumnMap, describeMap, needsMap, readSuggestedMap, type ColumnMap } from './make-column-mapping.ts';
import { sendRecords } from './send-records.ts';

/** What a file offered while another is sent is told. */
const busyNote = 'An upload is running: wait until it ends to send another file.';

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
  /** Called when the API refuses the key during the upload itself. */
  onRefused: () => void;
}) {
  const { api } = options;
  const zone = byId('drop-zone');
  const input = byId<HTMLInputElement>('records-file');
  const line = byId('upload-status');
  const bar = byId<HTMLProgressElement>('upload-progress');
  const state: { id: string | null; open: boolean; busy: boolean } = { id: null, open: false, busy: false };

  async function readColumns(id: string, file: File): Promise<FileColumns> {
    const form = new FormData();
    form.append('file', file.slice(0, headBytes), file.name);
    return api<FileColumns>(`${campaignPath(id)}/records/columns`, { method: 'POST', body: form });
  }

  /** The campaign's rows read so far, counting earlier uploads. */
  async function readRows(id: string): Promise<number> {
    return (await api<CampaignSummary>(campaignPath(id))).progress?.read ?? 0;
  }

  /** Sends the file; `note` (which columns feed the fields) stays beside the counts. */
  async function upload(sending: { id: string; file: File; map: ColumnMap | undefined; note: string }): Promise<void> {
    const { id, file, map, note } = sending;
    byId('upload-bar').hidden = false;
    bar.value = 0;
    const baseline = await readRows(id);
    let sent = 'sending';
    let read = 0;
    const show = () => (line.textContent = `Uploading ${file.name} to ${id}: ${sent} · rows read: ${read}${note}`);
    show();
    // One poll at a time, every second until the upload ends or the key is refused.
    const poll: { timer: number | undefined; done: boolean } = { timer: undefined, done: false };
    const next = () => {
      if (!poll.done) poll.timer = setTimeout(readProgress, 1000);
    };
    const readProgress = () => {
      readRows(id).then(
        (rows) => {
          if (poll.done) return;
          read = Math.max(0, rows - baseline);
          show();
          next();
        },
        (error: unknown) => {
          if (describeError(error) !== 'unauthorised') next();
        },
      );
    };
    next();
    try {
      const counts = await sendRecords({
        path: `${campaignPath(id)}/records`,
        key: options.getKey(),
        file,
        map,
        onSent: (share) => {
          bar.value = share;
          sent = `${Math.round(share * 100)} % sent`;
          show();
        },
        onRefused: options.onRefused,
      });
      bar.value = 1;
      line.textContent = `Uploaded ${file.name} to ${id}: read ${counts.read}, accepted ${counts.accepted}, rejected ${counts.rejected}.${note}`;
      options.onUploaded(counts);
    } finally {
      poll.done = true;
      clearTimeout(poll.timer);
    }
  }

  /** While an upload runs, the file input and the drop zone take no other file. */
  function setBusy(busy: boolean): void {
    state.busy = busy;
    input.disabled = busy || !state.open;
    zone.classList.toggle('busy', busy);
    zone.setAttribute('aria-busy', String(busy));
  }

  async function take(file: File): Promise<void> {
    const id = state.id;
    if (!id) return;
    if (state.busy) {
      line.textContent = busyNote;
      return;
    }
    setBusy(true);
    // Another campaign selected meanwhile: this upload stops before it sends anything.
    const moved = () => {
      if (state.id === id) return false;
      line.textContent = `Upload to ${id} stopped: another campaign was selected.`;
      return true;
    };
    try {
      line.textContent = `Reading the columns of ${file.name} for ${id}…`;
      const columns = await readColumns(id, file);
      if (moved()) return;
      let map: ColumnMap | null | undefined = needsMap(columns) ? readSuggestedMap(columns) : undefined;
      if (columns.missing.length > 0) {
        line.textContent = `Choose a column for ${columns.missing.join(', ')} (campaign ${id}).`;
        map = await askColumnMap(columns);
        if (moved()) return;
        if (!map) {
          line.textContent = `Upload to ${id} cancelled.`;
          return;
        }
      }
      // A saved mapping applied without asking: the status says which columns feed which fields.
      const note =
        columns.missing.length === 0 && columns.savedMapping && map
          ? ` Using the columns of the last upload: ${describeMap(map)}.`
          : '';
      await upload({ id, file, map, note });
    } catch (error) {
      if (describeError(error) !== 'unauthorised') line.textContent = describeRefusal(error);
    } finally {
      setBusy(false);
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
    if (!state.open || state.busy) return;
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file && state.open && !state.busy) void take(file);
    else if (state.busy) line.textContent = busyNote;
  });

  return {
    setCampaign(options: { id: string; mayUpload: boolean; changed: boolean }): void {
      state.id = options.id;
      state.open = options.mayUpload || state.busy;
      zone.hidden = !state.open;
      byId('upload-closed').hidden = state.open;
      input.disabled = !state.open || state.busy;
      // A mapping step belongs to the campaign it was asked for: another selection ends it.
      if (options.changed && !byId('mapping').hidden) byId('mapping-cancel').click();
      if (options.changed && !state.busy) {
        line.textContent = '';
        byId('upload-bar').hidden = true;
      }
    },
  };
}
