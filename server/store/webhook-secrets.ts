import type { Queryable } from './db.ts';

/**
 * The secret a campaign's payment webhook is signed with. Undefined when there is no such
 * campaign; `secret` is undefined when the campaign has none of its own.
 */
export async function findWebhookSecret(options: {
  db: Queryable;
  campaignId: string;
}): Promise<{ secret: string | undefined } | undefined> {
  const { rows } = await options.db.query<{ webhook_secret: string | null }>(
    'select webhook_secret from campaigns where id = $1',
    [options.campaignId],
  );
  return rows[0] ? { secret: rows[0].webhook_secret ?? undefined } : undefined;
}
