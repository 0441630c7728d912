import type { Queryable } from './db.ts';
import { toRecipient, type Recipient, type RecipientRow } from './recipients.ts';

/**
 * Atomically moves a recipient to `rendering` for one claimant (a job id) and says whether this
 * caller got it. Queued and failed recipients can be claimed; a recipient already rendering only
 * by the same claimant (a job that a crashed worker left and the queue handed out again).
 * Published and erased recipients are never claimed, so no recipient is rendered twice.
 */
export async function claimRecipient(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
  claimant: string;
}): Promise<boolean> {
  const { rows } = await options.db.query<{ record_id: string }>(
    `update recipients set status = 'rendering', claimed_by = $3, attempts = attempts + 1, error = null, updated_at = now()
     where campaign_id = $1 and record_id = $2 and erased_at is null
       and (status in ('queued', 'failed') or (status = 'rendering' and claimed_by = $3))
     returning record_id`,
    [options.campaignId, options.recordId, options.claimant],
  );
  return rows.length === 1;
}

/**
 * Claims many of a campaign's recipients, by position, in one statement (see claimRecipient):
 * returns those this claimant got, in order; the others are published, erased or someone else's.
 */
export async function claimRecipients(options: {
  db: Queryable;
  campaignId: string;
  seqs: readonly number[];
  claimant: string;
}): Promise<Recipient[]> {
  if (options.seqs.length === 0) return [];
  const { rows } = await options.db.query<RecipientRow>(
    `update recipients set status = 'rendering', claimed_by = $3, attempts = attempts + 1, error = null, updated_at = now()
     where campaign_id = $1 and seq = any($2::bigint[]) and erased_at is null
       and (status in ('queued', 'failed') or (status = 'rendering' and claimed_by = $3))
     returning *`,
    [options.campaignId, options.seqs, options.claimant],
  );
  return rows.map(toRecipient).sort((a, b) => a.seq - b.seq);
}
