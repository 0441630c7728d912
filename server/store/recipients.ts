import type { Queryable } from './db.ts';

/** A recipient's state: where their personal video and page stand. */
export type RecipientState =
  | { status: 'queued' }
  | { status: 'rendering' }
  | { status: 'published'; url: string }
  | { status: 'failed'; error: string; retryable: boolean };

export type Recipient = {
  campaignId: string;
  recordId: string;
  row: number;
  token: string;
  payRef: string;
  locale: string;
  /** The record as the template's schema parsed it; personal data. */
  data: Record<string, unknown>;
  attempts: number;
  state: RecipientState;
};

export type NewRecipient = Pick<Recipient, 'recordId' | 'row' | 'token' | 'payRef' | 'locale' | 'data'>;

type RecipientRow = {
  campaign_id: string;
  record_id: string;
  row_number: number;
  token: string;
  pay_ref: string;
  locale: string;
  data: Record<string, unknown> | null;
  status: RecipientState['status'];
  error: string | null;
  attempts: number;
  url: string | null;
};

function toRecipient(row: RecipientRow): Recipient {
  const state: RecipientState =
    row.status === 'published'
      ? { status: 'published', url: row.url ?? '' }
      : row.status === 'failed'
        ? { status: 'failed', error: row.error ?? 'unknown error', retryable: true }
        : { status: row.status };
  return {
    campaignId: row.campaign_id,
    recordId: row.record_id,
    row: row.row_number,
    token: row.token,
    payRef: row.pay_ref,
    locale: row.locale,
    data: row.data ?? {},
    attempts: row.attempts,
    state,
  };
}

/** Stores a batch of accepted recipients as queued, in one statement. */
export async function insertRecipients(options: { db: Queryable; campaignId: string; recipients: readonly NewRecipient[] }): Promise<void> {
  if (options.recipients.length === 0) return;
  const params: unknown[] = [];
  const values = options.recipients.map((recipient, index) => {
    params.push(options.campaignId, recipient.recordId, recipient.row, recipient.token, recipient.payRef, recipient.locale, JSON.stringify(recipient.data));
    const at = index * 7;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}::jsonb, 'queued')`;
  });
  await options.db.query(
    `insert into recipients (campaign_id, record_id, row_number, token, pay_ref, locale, data, status) values ${values.join(', ')}`,
    params,
  );
}

/** Recipients of a campaign in one of these states, by row, a page at a time (keyset on row number). */
export async function listRecipients(options: {
  db: Queryable;
  campaignId: string;
  statuses: readonly RecipientState['status'][];
  afterRow?: number;
  limit: number;
}): Promise<Recipient[]> {
  const { rows } = await options.db.query<RecipientRow>(
    'select * from recipients where campaign_id = $1 and status = any($2) and row_number > $3 order by row_number limit $4',
    [options.campaignId, options.statuses, options.afterRow ?? 0, options.limit],
  );
  return rows.map(toRecipient);
}

export async function findRecipientByToken(options: { db: Queryable; token: string }): Promise<Recipient | undefined> {
  const { rows } = await options.db.query<RecipientRow>('select * from recipients where token = $1', [options.token]);
  return rows[0] ? toRecipient(rows[0]) : undefined;
}

/** Moves a recipient to a new state; rendering counts an attempt. */
export async function setRecipientState(options: { db: Queryable; campaignId: string; recordId: string; state: RecipientState }): Promise<void> {
  const { state } = options;
  await options.db.query(
    `update recipients set status = $3, url = $4, error = $5, attempts = attempts + $6, updated_at = now()
     where campaign_id = $1 and record_id = $2`,
    [
      options.campaignId,
      options.recordId,
      state.status,
      state.status === 'published' ? state.url : null,
      state.status === 'failed' ? state.error : null,
      state.status === 'rendering' ? 1 : 0,
    ],
  );
}

/** Puts failed recipients (and any left mid-render by a stopped run) back in the queue. */
export async function requeueRecipients(options: { db: Queryable; campaignId: string; statuses: readonly RecipientState['status'][] }): Promise<number> {
  const { rows } = await options.db.query<{ record_id: string }>(
    `update recipients set status = 'queued', error = null, updated_at = now() where campaign_id = $1 and status = any($2) returning record_id`,
    [options.campaignId, options.statuses],
  );
  return rows.length;
}

export async function markOptedOut(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query('update recipients set opted_out_at = coalesce(opted_out_at, now()) where token = $1', [options.token]);
}
