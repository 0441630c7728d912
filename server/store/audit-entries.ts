import type { Queryable } from './db.ts';

/** done: it happened; refused: the key was missing, wrong or of a role not allowed; failed: any other error. */
export type AuditOutcome = 'done' | 'refused' | 'failed';

/** What one audit entry says; `id` and `at` are set when it is appended. */
export type AuditEntry = {
  id: string;
  at: string;
  userName: string | null;
  keyId: string | null;
  keyName: string | null;
  role: string | null;
  action: string;
  method: string | null;
  route: string | null;
  campaignId: string | null;
  recordId: string | null;
  address: string | null;
  status: number | null;
  outcome: AuditOutcome;
  detail: string | null;
};

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** Which entries to read: all given conditions hold. */
export type AuditFilter = { from?: Date; to?: Date; user?: string; campaign?: string; action?: string };

type Row = {
  id: string | number;
  at: Date | string;
  user_name: string | null;
  key_id: string | null;
  key_name: string | null;
  role: string | null;
  action: string;
  method: string | null;
  route: string | null;
  campaign_id: string | null;
  record_id: string | null;
  address: string | null;
  status: number | null;
  outcome: AuditOutcome;
  detail: string | null;
};

const toEntry = (row: Row): AuditEntry => ({
  id: String(row.id),
  at: new Date(row.at).toISOString(),
  userName: row.user_name,
  keyId: row.key_id,
  keyName: row.key_name,
  role: row.role,
  action: row.action,
  method: row.method,
  route: row.route,
  campaignId: row.campaign_id,
  recordId: row.record_id,
  address: row.address,
  status: row.status,
  outcome: row.outcome,
  detail: row.detail,
});

/** The outcome an HTTP status means. */
export function outcomeOfStatus(status: number): AuditOutcome {
  if (status === 401 || status === 403 || status === 429) return 'refused';
  return status < 400 ? 'done' : 'failed';
}

const columns =
  'user_name, key_id, key_name, role, action, method, route, campaign_id, record_id, address, status, outcome, detail';
const valuesOf = (entry: NewAuditEntry) => [
  entry.userName,
  entry.keyId,
  entry.keyName,
  entry.role,
  entry.action,
  entry.method,
  entry.route,
  entry.campaignId,
  entry.recordId,
  entry.address,
  entry.status,
  entry.outcome,
  entry.detail,
];

/** Appends one entry; there is no function to change or delete one (besides retention and erasure below). */
export async function appendAuditEntry(options: { db: Queryable; entry: NewAuditEntry }): Promise<void> {
  await options.db.query(
    `insert into audit_entries (${columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    valuesOf(options.entry),
  );
}

/**
 * Appends one entry unless the same key (id and name), action, campaign and outcome has one from
 * the last `withinMinutes`: a read repeated by a polling client is kept once, not on every call.
 */
export async function appendAuditEntryUnlessRecent(options: {
  db: Queryable;
  entry: NewAuditEntry;
  withinMinutes: number;
}): Promise<void> {
  await options.db.query(
    `insert into audit_entries (${columns})
     select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
     where not exists (
       select 1 from audit_entries
       where key_id is not distinct from $2 and key_name is not distinct from $3 and action = $5
         and campaign_id is not distinct from $8 and outcome = $12
         and at > now() - make_interval(mins => $14::int))`,
    [...valuesOf(options.entry), options.withinMinutes],
  );
}

/**
 * One page of entries, newest first: those matching the filter with an id below `before` (the
 * `next` of the previous page). `next` is undefined on the last page.
 */
export async function listAuditEntries(options: {
  db: Queryable;
  filter: AuditFilter;
  limit: number;
  before?: string;
}): Promise<{ entries: AuditEntry[]; next: string | undefined }> {
  const { filter } = options;
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.from) add('at >= ?', filter.from.toISOString());
  if (filter.to) add('at < ?', filter.to.toISOString());
  if (filter.user) add('user_name = ?', filter.user);
  if (filter.campaign) add('campaign_id = ?', filter.campaign);
  if (filter.action) add('action = ?', filter.action);
  if (options.before) add('id < ?', options.before);
  values.push(options.limit + 1);
  const { rows } = await options.db.query<Row>(
    `select * from audit_entries ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
     order by id desc limit $${values.length}`,
    values,
  );
  const entries = rows.slice(0, options.limit).map(toEntry);
  return { entries, next: rows.length > options.limit ? entries.at(-1)?.id : undefined };
}

/** Deletes the entries older than `before` (retention); returns how many went. */
export async function deleteAuditEntriesBefore(options: { db: Queryable; before: Date }): Promise<number> {
  const { rows } = await options.db.query('delete from audit_entries where at < $1 returning id', [
    options.before.toISOString(),
  ]);
  return rows.length;
}
