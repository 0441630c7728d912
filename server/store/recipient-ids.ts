import type { Queryable } from './db.ts';

/** Of these record ids, the ones the campaign has a recipient for. */
export async function findKnownRecordIds(options: {
  db: Queryable;
  campaignId: string;
  recordIds: readonly string[];
}): Promise<Set<string>> {
  const { rows } = await options.db.query<{ record_id: string }>(
    'select record_id from recipients where campaign_id = $1 and record_id = any($2)',
    [options.campaignId, options.recordIds],
  );
  return new Set(rows.map((row) => row.record_id));
}

/** The record id of the campaign's recipient with this payment reference (the pay redirect's `ref`). */
export async function findRecordIdByPayRef(options: {
  db: Queryable;
  campaignId: string;
  payRef: string;
}): Promise<string | undefined> {
  const { rows } = await options.db.query<{ record_id: string }>(
    'select record_id from recipients where campaign_id = $1 and pay_ref = $2',
    [options.campaignId, options.payRef],
  );
  return rows[0]?.record_id;
}
