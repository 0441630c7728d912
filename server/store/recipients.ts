import type { Queryable } from './db.ts';

/** A recipient's state: where their personal video and page stand. */
export type RecipientState =
  | { status: 'queued' }
  | { status: 'rendering' }
  | { status: 'published'; url: string }
  | { status: 'failed'; error: string; retryable: boolean };

export type Recipient = {
  /** Position in the campaign, in upload order. */
  seq: number;
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
  /** Personal data removed on request; only anonymous counts remain. */
  erased: boolean;
  /** Asked not to be contacted again. */
  optedOut: boolean;
  /** The A/B variant drawn for them, if the campaign tests variants. */
  variant?: string;
};

export type NewRecipient = Pick<Recipient, 'recordId' | 'row' | 'token' | 'payRef' | 'locale' | 'data'>;

/** A recipients row as the store returns it. */
export type RecipientRow = {
  seq: string | number;
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
  erased_at: Date | string | null;
  opted_out_at: Date | string | null;
  retryable: boolean;
  variant?: string | null;
};

/** A recipient from their row. */
export function toRecipient(row: RecipientRow): Recipient {
  const state: RecipientState =
    row.status === 'published'
      ? { status: 'published', url: row.url ?? '' }
      : row.status === 'failed'
        ? { status: 'failed', error: row.error ?? 'unknown error', retryable: row.retryable }
        : { status: row.status };
  return {
    seq: Number(row.seq),
    campaignId: row.campaign_id,
    recordId: row.record_id,
    row: row.row_number,
    token: row.token,
    payRef: row.pay_ref,
    locale: row.locale,
    data: row.data ?? {},
    attempts: row.attempts,
    state,
    erased: row.erased_at !== null,
    optedOut: row.opted_out_at !== null,
    ...(row.variant ? { variant: row.variant } : {}),
  };
}

/**
 * Stores a batch of accepted recipients as queued, in one statement. Returns the record ids
 * stored: an id the campaign already has (from an earlier upload) is left out, not overwritten.
 */
export async function insertRecipients(options: {
  db: Queryable;
  campaignId: string;
  recipients: readonly NewRecipient[];
}): Promise<Set<string>> {
  if (options.recipients.length === 0) return new Set();
  const params: unknown[] = [];
  const values = options.recipients.map((recipient, index) => {
    params.push(
      options.campaignId,
      recipient.recordId,
      recipient.row,
      recipient.token,
      recipient.payRef,
      recipient.locale,
      JSON.stringify(recipient.data),
    );
    const at = index * 7;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}::jsonb, 'queued')`;
  });
  const { rows } = await options.db.query<{ record_id: string }>(
    `insert into recipients (campaign_id, record_id, row_number, token, pay_ref, locale, data, status) values ${values.join(', ')}
     on conflict (campaign_id, record_id) do nothing returning record_id`,
    params,
  );
  return new Set(rows.map((row) => row.record_id));
}

/** Recipients of a campaign in one of these states, in upload order, a page at a time (keyset on `seq`). */
export async function listRecipients(options: {
  db: Queryable;
  campaignId: string;
  statuses: readonly RecipientState['status'][];
  afterSeq?: number;
  limit: number;
}): Promise<Recipient[]> {
  const { rows } = await options.db.query<RecipientRow>(
    'select * from recipients where campaign_id = $1 and status = any($2) and seq > $3 order by seq limit $4',
    [options.campaignId, options.statuses, options.afterSeq ?? 0, options.limit],
  );
  return rows.map(toRecipient);
}

/** The first recipients of a campaign by row, erased ones left out. */
export async function listFirstRecipients(options: {
  db: Queryable;
  campaignId: string;
  limit: number;
}): Promise<Recipient[]> {
  const { rows } = await options.db.query<RecipientRow>(
    'select * from recipients where campaign_id = $1 and erased_at is null order by row_number, seq limit $2',
    [options.campaignId, options.limit],
  );
  return rows.map(toRecipient);
}

export async function findRecipient(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
}): Promise<Recipient | undefined> {
  const { rows } = await options.db.query<RecipientRow>(
    'select * from recipients where campaign_id = $1 and record_id = $2',
    [options.campaignId, options.recordId],
  );
  return rows[0] ? toRecipient(rows[0]) : undefined;
}

export async function findRecipientBySeq(options: {
  db: Queryable;
  campaignId: string;
  seq: number;
}): Promise<Recipient | undefined> {
  const { rows } = await options.db.query<RecipientRow>(
    'select * from recipients where campaign_id = $1 and seq = $2',
    [options.campaignId, options.seq],
  );
  return rows[0] ? toRecipient(rows[0]) : undefined;
}

export async function findRecipientByToken(options: { db: Queryable; token: string }): Promise<Recipient | undefined> {
  const { rows } = await options.db.query<RecipientRow>(
    'select * from recipients where token = $1 and erased_at is null',
    [options.token],
  );
  return rows[0] ? toRecipient(rows[0]) : undefined;
}

/**
 * Records the outcome of a claimed render, keyed by the immutable token. Returns false when the
 * recipient was erased meanwhile (the caller then takes down what it published).
 */
export async function setRecipientState(options: {
  db: Queryable;
  token: string;
  state: RecipientState;
}): Promise<boolean> {
  const { state } = options;
  const { rows } = await options.db.query(
    `update recipients set status = $2, url = $3, error = $4, retryable = $5, updated_at = now()
     where token = $1 and erased_at is null returning token`,
    [
      options.token,
      state.status,
      state.status === 'published' ? state.url : null,
      state.status === 'failed' ? state.error : null,
      state.status === 'failed' ? state.retryable : true,
    ],
  );
  return rows.length === 1;
}

/** Keeps a long render from looking lost to the sweeper. */
export async function touchRecipient(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query("update recipients set updated_at = now() where token = $1 and status = 'rendering'", [
    options.token,
  ]);
}

/** How many of a campaign's recipients are in one of these states. */
export async function countRecipients(options: {
  db: Queryable;
  campaignId: string;
  statuses: readonly RecipientState['status'][];
}): Promise<number> {
  const { rows } = await options.db.query<{ count: string | number }>(
    'select count(*) as count from recipients where campaign_id = $1 and status = any($2) and erased_at is null',
    [options.campaignId, options.statuses],
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Puts recipients back in the queue: retryable failures, or renders left by a stopped process.
 * Failures of bad data stay failed (rendering them again cannot help); erased ones stay out.
 */
export async function requeueRecipients(options: {
  db: Queryable;
  campaignId: string;
  statuses: readonly RecipientState['status'][];
}): Promise<number> {
  const { rows } = await options.db.query<{ record_id: string }>(
    `update recipients set status = 'queued', error = null, updated_at = now()
     where campaign_id = $1 and status = any($2) and erased_at is null and (status <> 'failed' or retryable)
     returning record_id`,
    [options.campaignId, options.statuses],
  );
  return rows.length;
}

/**
 * Puts one published or failed recipient back in the queue, to render again (any failure: the
 * operator asks for it). False when the campaign has no such recipient in one of those states.
 */
export async function requeueRecipient(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
}): Promise<boolean> {
  const { rows } = await options.db.query<{ record_id: string }>(
    `update recipients set status = 'queued', error = null, updated_at = now()
     where campaign_id = $1 and record_id = $2 and erased_at is null and status in ('published', 'failed')
     returning record_id`,
    [options.campaignId, options.recordId],
  );
  return rows.length === 1;
}

/** Puts back in the queue renders of a campaign that went silent for `staleSeconds` (a worker and its job lost). */
export async function requeueStaleRecipients(options: {
  db: Queryable;
  campaignId: string;
  staleSeconds: number;
}): Promise<number> {
  const { rows } = await options.db.query<{ record_id: string }>(
    `update recipients set status = 'queued', updated_at = now()
     where campaign_id = $1 and status = 'rendering' and erased_at is null and updated_at < now() - make_interval(secs => $2)
     returning record_id`,
    [options.campaignId, options.staleSeconds],
  );
  return rows.length;
}

export async function markOptedOut(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query('update recipients set opted_out_at = coalesce(opted_out_at, now()) where token = $1', [
    options.token,
  ]);
}

/** The recipient a payment reference belongs to (the pay page's `ref`), unless erased. */
export async function findRecipientByPayRef(options: {
  db: Queryable;
  payRef: string;
}): Promise<Recipient | undefined> {
  const { rows } = await options.db.query<RecipientRow>(
    'select * from recipients where pay_ref = $1 and erased_at is null',
    [options.payRef],
  );
  return rows[0] ? toRecipient(rows[0]) : undefined;
}
