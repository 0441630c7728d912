import type { Queryable } from './db.ts';

/** What a visitor did on a personal page; stored with the recipient's record id, never with personal data. */
export const eventTypes = [
  'view',
  'play',
  'progress_25',
  'progress_50',
  'progress_75',
  'complete',
  'click_pay',
  'click_plan',
  'opt_out',
  // Tracking and analytics: the e-mail open pixel, 10 % progress buckets, the seconds watched (a bitmap, for the retention curve).
  'open',
  'progress_10',
  'progress_20',
  'progress_30',
  'progress_40',
  'progress_60',
  'progress_70',
  'progress_80',
  'progress_90',
  'watched',
  // The interactive page: gate, plan choice, forms, survey (recorded by the server), hotspot clicks (sent by the page).
  'gate_passed',
  'plan_chosen',
  'form_paid',
  'form_dispute',
  'form_callback',
  'survey',
  'click_hotspot',
] as const;
export type EventType = (typeof eventTypes)[number];

/** An event to store; `detail` is kept as JSON and must already be storable (see storable-text.ts). */
export type NewEvent = {
  campaignId: string;
  recordId: string;
  type: string;
  visitor?: string;
  detail?: Record<string, unknown>;
  flagged?: string;
  at: Date;
};

/** Stores events with one multi-row insert: all of them, or (on error) none. */
export async function insertEvents(options: { db: Queryable; rows: readonly NewEvent[] }): Promise<void> {
  const params: unknown[] = [];
  const values = options.rows.map((row, index) => {
    params.push(
      row.campaignId,
      row.recordId,
      row.type,
      row.visitor ?? null,
      row.detail ? JSON.stringify(row.detail) : null,
      row.flagged ?? null,
      row.at.toISOString(),
    );
    const at = index * 7;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb, $${at + 6}, $${at + 7}::timestamptz)`;
  });
  await options.db.query(
    `insert into events (campaign_id, record_id, type, visitor, detail, flagged, created_at) values ${values.join(', ')}`,
    params,
  );
}

export async function recordEvent(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
  type: EventType;
}): Promise<void> {
  await options.db.query('insert into events (campaign_id, record_id, type) values ($1, $2, $3)', [
    options.campaignId,
    options.recordId,
    options.type,
  ]);
}

/** Per event type: how many times it happened and for how many distinct recipients (flagged events, by scanners and previews, left out). */
export type EventTotals = Record<EventType, { events: number; recipients: number }>;

export async function getEventTotals(options: { db: Queryable; campaignId: string }): Promise<EventTotals> {
  const { rows } = await options.db.query<{ type: EventType; events: string | number; recipients: string | number }>(
    'select type, count(*) as events, count(distinct record_id) as recipients from events where campaign_id = $1 and flagged is null group by type',
    [options.campaignId],
  );
  const totals = Object.fromEntries(eventTypes.map((type) => [type, { events: 0, recipients: 0 }])) as EventTotals;
  for (const row of rows) totals[row.type] = { events: Number(row.events), recipients: Number(row.recipients) };
  return totals;
}

/** One recipient's events, in the order they happened. */
export async function listEvents(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
}): Promise<EventType[]> {
  const { rows } = await options.db.query<{ type: EventType }>(
    'select type from events where campaign_id = $1 and record_id = $2 order by created_at, id',
    [options.campaignId, options.recordId],
  );
  return rows.map((row) => row.type);
}

/** Whether a recipient has a counted (unflagged) page view. */
export async function hasCountedView(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
}): Promise<boolean> {
  const { rows } = await options.db.query(
    "select 1 from events where campaign_id = $1 and record_id = $2 and type = 'view' and flagged is null limit 1",
    [options.campaignId, options.recordId],
  );
  return rows.length > 0;
}

/** Deletes every event of a campaign. */
export async function deleteEvents(options: { db: Queryable; campaignId: string }): Promise<void> {
  await options.db.query('delete from events where campaign_id = $1', [options.campaignId]);
}

/** How many events a campaign has stored, flagged ones included. */
export async function countEvents(options: { db: Queryable; campaignId: string }): Promise<number> {
  const { rows } = await options.db.query<{ count: string | number }>(
    'select count(*) as count from events where campaign_id = $1',
    [options.campaignId],
  );
  return Number(rows[0]?.count ?? 0);
}

/** Per flag (scanner, preview, too soon, …) and event type: how many events were stored but not counted. */
export type FlaggedCounts = Record<string, Record<string, number>>;

export async function countFlaggedEvents(options: { db: Queryable; campaignId: string }): Promise<FlaggedCounts> {
  const { rows } = await options.db.query<{ flagged: string; type: string; events: string | number }>(
    'select flagged, type, count(*) as events from events where campaign_id = $1 and flagged is not null group by 1, 2',
    [options.campaignId],
  );
  const flagged: FlaggedCounts = {};
  for (const row of rows) (flagged[row.flagged] ??= {})[row.type] = Number(row.events);
  return flagged;
}
