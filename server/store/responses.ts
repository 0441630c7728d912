import type { Queryable } from './db.ts';

/** What a debtor can send from their page. */
export const responseKinds = ['paid', 'dispute', 'callback', 'survey'] as const;
export type ResponseKind = (typeof responseKinds)[number];

/** Whether an operator has dealt with a response yet. */
export const responseStatuses = ['open', 'handled'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** Who marked a response handled: the name they gave (if any) and the admin key they used. */
export type HandledBy = { name: string | null; key: string };

/** One stored answer: the form's fields as validated, with the recipient's record id, and where the operator is with it. */
export type StoredResponse = {
  id: number;
  recordId: string;
  kind: ResponseKind;
  data: Record<string, unknown>;
  createdAt: string;
  status: ResponseStatus;
  handledBy: HandledBy | null;
  handledAt: string | null;
  /** For a claim or dispute: who released its hold (reminders may resume), and when; null while it holds or for other kinds. */
  holdReleasedBy: HandledBy | null;
  holdReleasedAt: string | null;
};

type ResponseRow = {
  id: string | number;
  record_id: string;
  kind: ResponseKind;
  data: Record<string, unknown>;
  created_at: Date | string;
  status: ResponseStatus;
  handled_by: string | null;
  handled_key: string | null;
  handled_at: Date | string | null;
  hold_released_by: string | null;
  hold_released_key: string | null;
  hold_released_at: Date | string | null;
};

const columns =
  'id, record_id, kind, data, created_at, status, handled_by, handled_key, handled_at, hold_released_by, hold_released_key, hold_released_at';

const toResponse = (row: ResponseRow): StoredResponse => ({
  id: Number(row.id),
  recordId: row.record_id,
  kind: row.kind,
  data: row.data,
  createdAt: new Date(row.created_at).toISOString(),
  status: row.status,
  handledBy: row.handled_key === null ? null : { name: row.handled_by, key: row.handled_key },
  handledAt: row.handled_at === null ? null : new Date(row.handled_at).toISOString(),
  holdReleasedBy: row.hold_released_key === null ? null : { name: row.hold_released_by, key: row.hold_released_key },
  holdReleasedAt: row.hold_released_at === null ? null : new Date(row.hold_released_at).toISOString(),
});

export async function insertResponse(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
  kind: ResponseKind;
  data: Record<string, unknown>;
}): Promise<number> {
  const { rows } = await options.db.query<{ id: string | number }>(
    'insert into responses (campaign_id, record_id, kind, data) values ($1, $2, $3, $4::jsonb) returning id',
    [options.campaignId, options.recordId, options.kind, JSON.stringify(options.data)],
  );
  return Number(rows[0]?.id);
}

/**
 * A campaign's responses, newest first, a page at a time (keyset: ids below `beforeId`),
 * optionally of one kind or some kinds only, and in one status.
 */
export async function listResponses(options: {
  db: Queryable;
  campaignId: string;
  kind?: ResponseKind | readonly ResponseKind[];
  status?: ResponseStatus;
  beforeId?: number;
  limit: number;
}): Promise<StoredResponse[]> {
  const kinds = options.kind === undefined ? [] : typeof options.kind === 'string' ? [options.kind] : [...options.kind];
  const { rows } = await options.db.query<ResponseRow>(
    `select ${columns} from responses
     where campaign_id = $1 and ($2::text[] is null or kind = any($2)) and ($3::text is null or status = $3) and ($4::bigint is null or id < $4)
     order by id desc limit $5`,
    [
      options.campaignId,
      kinds.length > 0 ? kinds : null,
      options.status ?? null,
      options.beforeId ?? null,
      options.limit,
    ],
  );
  return rows.map(toResponse);
}

/** One recipient's responses, newest first, at most `limit`. */
export async function listRecipientResponses(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
  limit: number;
}): Promise<StoredResponse[]> {
  const { rows } = await options.db.query<ResponseRow>(
    `select ${columns} from responses where campaign_id = $1 and record_id = $2 order by id desc limit $3`,
    [options.campaignId, options.recordId, options.limit],
  );
  return rows.map(toResponse);
}

/**
 * Marks a response handled by this operator and key, now; one already handled keeps who
 * handled it first. Undefined when the campaign has no such response.
 */
export async function markResponseHandled(options: {
  db: Queryable;
  campaignId: string;
  id: number;
  by: HandledBy;
}): Promise<StoredResponse | undefined> {
  await options.db.query(
    `update responses set status = 'handled', handled_by = $3, handled_key = $4, handled_at = now() where campaign_id = $1 and id = $2 and status = 'open'`,
    [options.campaignId, options.id, options.by.name, options.by.key],
  );
  return findResponse(options);
}

/** Opens a handled response again (who and when are cleared). Undefined when the campaign has no such response. */
export async function reopenResponse(options: {
  db: Queryable;
  campaignId: string;
  id: number;
}): Promise<StoredResponse | undefined> {
  await options.db.query(
    `update responses set status = 'open', handled_by = null, handled_key = null, handled_at = null where campaign_id = $1 and id = $2`,
    [options.campaignId, options.id],
  );
  return findResponse(options);
}

/** The kinds of response that hold a recipient's reminders until an operator releases them. */
export const holdingKinds: readonly ResponseKind[] = ['paid', 'dispute'];

/**
 * Releases the hold of a claim or dispute: the operator decides reminders may resume for it.
 * One already released keeps who released it first; a new claim by the debtor holds again.
 * Undefined when the campaign has no such response (any kind; the caller checks it holds).
 */
export async function releaseHold(options: {
  db: Queryable;
  campaignId: string;
  id: number;
  by: HandledBy;
}): Promise<StoredResponse | undefined> {
  await options.db.query(
    `update responses set hold_released_by = $3, hold_released_key = $4, hold_released_at = now()
     where campaign_id = $1 and id = $2 and kind in ('paid', 'dispute') and hold_released_at is null`,
    [options.campaignId, options.id, options.by.name, options.by.key],
  );
  return findResponse(options);
}

async function findResponse(options: {
  db: Queryable;
  campaignId: string;
  id: number;
}): Promise<StoredResponse | undefined> {
  const { rows } = await options.db.query<ResponseRow>(
    `select ${columns} from responses where campaign_id = $1 and id = $2`,
    [options.campaignId, options.id],
  );
  return rows[0] && toResponse(rows[0]);
}

/** Why a recipient gets no reminder: they said they already paid, or they dispute the debt. */
export type HoldReason = 'paid_claim' | 'dispute';

/**
 * The recipients of a campaign whose reminders are held, by record id, with the reasons in a
 * fixed order: those with a claim or dispute whose hold no operator has released. Marking it
 * handled does not release it: that records that someone dealt with it, not that the debtor may
 * be reminded again.
 */
export async function listHolds(options: {
  db: Queryable;
  campaignId: string;
  /** Only this recipient's. */
  recordId?: string;
}): Promise<Map<string, HoldReason[]>> {
  const { rows } = await options.db.query<{ record_id: string; kind: 'paid' | 'dispute' }>(
    `select distinct record_id, kind from responses where campaign_id = $1 and kind in ('paid', 'dispute') and hold_released_at is null
     and ($2::text is null or record_id = $2) order by record_id, kind desc`,
    [options.campaignId, options.recordId ?? null],
  );
  const holds = new Map<string, HoldReason[]>();
  for (const row of rows)
    holds.set(row.record_id, [...(holds.get(row.record_id) ?? []), row.kind === 'paid' ? 'paid_claim' : 'dispute']);
  return holds;
}
