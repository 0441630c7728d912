import type { Queryable } from './db.ts';

/** Tries of one opened recipient's render, jobs' own retries and the sweeper's together, before it is left failed. */
export const openRenderMaxAttempts = 6;

/** An opened recipient to render: which campaign, and their position in it (says nothing about the debtor). */
export type OpenRenderJob = { campaignId: string; seq: number };

/**
 * Asks for a recipient's render at their page's first counted view, if their campaign renders on
 * open and is not taken down, and they are published and not erased. Only the first ask of a
 * recipient inserts the row and gets the job back; every later one (or one at the same moment) gets
 * undefined, so a recipient is enqueued once however many views come.
 */
export async function insertOpenRender(options: { db: Queryable; token: string }): Promise<OpenRenderJob | undefined> {
  const { rows } = await options.db.query<{ campaign_id: string; seq: string | number }>(
    `with asked as (
       insert into open_renders (token, campaign_id, requested_at)
       select r.token, r.campaign_id, now() from recipients r join campaigns c on c.id = r.campaign_id
       where r.token = $1 and r.erased_at is null and r.status = 'published'
         and c.render_mode = 'on-open' and c.status not in ('cancelled', 'unpublished')
       on conflict (token) do nothing
       returning token, campaign_id)
     select asked.campaign_id, r.seq from asked join recipients r on r.token = asked.token`,
    [options.token],
  );
  const row = rows[0];
  return row && { campaignId: row.campaign_id, seq: Number(row.seq) };
}

/**
 * Claims an opened recipient's render for one job (the claimant): only if it is asked for, not
 * ready, and not running, or running for this same job (handed out again after its worker died),
 * so two jobs for one recipient never both render. Counts the attempt. Says whether this run may render.
 */
export async function claimOpenRender(options: { db: Queryable; token: string; claimant: string }): Promise<boolean> {
  const { rows } = await options.db.query(
    `update open_renders set touched_at = now(), claimed_by = $2, attempts = attempts + 1
     where token = $1 and ready_at is null and attempts < $3 and (touched_at is null or claimed_by = $2)
     returning token`,
    [options.token, options.claimant, openRenderMaxAttempts],
  );
  return rows.length === 1;
}

/** Shows that an opened recipient's render is still running, so the sweeper does not take it to be lost. */
export async function touchOpenRender(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query(
    'update open_renders set touched_at = now() where token = $1 and ready_at is null and touched_at is not null',
    [options.token],
  );
}

/**
 * Frees the renders on open silent for `staleSeconds` (their worker died, its job perhaps lost with
 * Redis), as eager renders are: the sweeper enqueues them again. Returns how many.
 */
export async function freeStaleOpenRenders(options: { db: Queryable; staleSeconds: number }): Promise<number> {
  const { rows } = await options.db.query(
    `update open_renders set touched_at = null
     where ready_at is null and touched_at < now() - make_interval(secs => $1)
     returning token`,
    [options.staleSeconds],
  );
  return rows.length;
}

/**
 * Forgets a recipient's render on open (their page is rendered again, live): the next counted
 * view of the new page asks for their video again. A render running now is not forgotten (its
 * page would land over the new one): says whether nothing is left running.
 */
export async function forgetOpenRender(options: { db: Queryable; token: string }): Promise<boolean> {
  await options.db.query(
    'delete from open_renders where token = $1 and not (ready_at is null and touched_at is not null)',
    [options.token],
  );
  const { rows } = await options.db.query('select 1 from open_renders where token = $1', [options.token]);
  return rows.length === 0;
}

/** Records that an opened recipient's video is published. */
export async function markOpenRenderReady(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query('update open_renders set ready_at = now(), error = null where token = $1', [options.token]);
}

/**
 * Records a failed run (the message is already redacted): a retryable failure frees the render to
 * be claimed again; any other (a template this worker lacks, a record that no longer fits) uses up its tries.
 */
export async function markOpenRenderFailed(options: {
  db: Queryable;
  token: string;
  error: string;
  retryable: boolean;
}): Promise<void> {
  await options.db.query(
    `update open_renders set touched_at = null, error = $2,
       attempts = case when $3 then attempts else greatest(attempts, $4) end
     where token = $1`,
    [options.token, options.error.slice(0, 2000), options.retryable, openRenderMaxAttempts],
  );
}

/**
 * Opened recipients whose render is neither ready nor running (never enqueued, its job lost with
 * Redis, freed as silent, or failed with tries left), in campaigns still rendering or done: the sweeper enqueues them again.
 */
export async function listOpenRendersToSweep(options: { db: Queryable; limit?: number }): Promise<OpenRenderJob[]> {
  const { rows } = await options.db.query<{ campaign_id: string; seq: string | number }>(
    `select o.campaign_id, r.seq from open_renders o
       join recipients r on r.token = o.token
       join campaigns c on c.id = o.campaign_id
     where o.ready_at is null and o.attempts < $1 and o.touched_at is null
       and r.erased_at is null and c.status in ('rendering', 'done')
     order by o.requested_at
     limit $2`,
    [openRenderMaxAttempts, options.limit ?? 1000],
  );
  return rows.map((row) => ({ campaignId: row.campaign_id, seq: Number(row.seq) }));
}

/** Where a campaign's renders on open stand, and how long from the first view to the video being ready. */
export type OpenRenderCounts = {
  /** Recipients whose page was opened (a counted view): renders asked for. */
  opened: number;
  /** Of those, the ones whose video is published. */
  rendered: number;
  /** Of those not ready, the ones whose last run failed. */
  failed: number;
  /** Seconds from the first counted view to the video ready, median and 95th percentile; null before any. */
  latencyP50Seconds: number | null;
  latencyP95Seconds: number | null;
};

export async function countOpenRenders(options: { db: Queryable; campaignId: string }): Promise<OpenRenderCounts> {
  const { rows } = await options.db.query<{
    opened: string | number;
    ready: string | number;
    failed: string | number;
    p50: number | string | null;
    p95: number | string | null;
  }>(
    `with waits as (
       select ready_at, error, extract(epoch from ready_at - requested_at) as seconds
       from open_renders where campaign_id = $1)
     select count(*) as opened, count(ready_at) as ready,
       count(*) filter (where ready_at is null and error is not null) as failed,
       percentile_cont(0.5) within group (order by seconds) as p50,
       percentile_cont(0.95) within group (order by seconds) as p95
     from waits`,
    [options.campaignId],
  );
  const row = rows[0];
  const seconds = (value: number | string | null | undefined) =>
    value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;
  return {
    opened: Number(row?.opened ?? 0),
    rendered: Number(row?.ready ?? 0),
    failed: Number(row?.failed ?? 0),
    latencyP50Seconds: seconds(row?.p50),
    latencyP95Seconds: seconds(row?.p95),
  };
}
