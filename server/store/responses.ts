import type { Queryable } from './db.ts';

/** What a debtor can send from their page. */
export const responseKinds = ['paid', 'dispute', 'callback', 'survey'] as const;
export type ResponseKind = (typeof responseKinds)[number];

/** One stored answer: the form's fields as validated, with the recipient's record id. */
export type StoredResponse = { id: number; recordId: string; kind: ResponseKind; data: Record<string, unknown>; createdAt: string };

export async function insertResponse(options: { db: Queryable; campaignId: string; recordId: string; kind: ResponseKind; data: Record<string, unknown> }): Promise<number> {
  const { rows } = await options.db.query<{ id: string | number }>(
    'insert into responses (campaign_id, record_id, kind, data) values ($1, $2, $3, $4::jsonb) returning id',
    [options.campaignId, options.recordId, options.kind, JSON.stringify(options.data)],
  );
  return Number(rows[0]?.id);
}

/** A campaign's responses in the order they arrived, a page at a time (keyset on id). */
export async function listResponses(options: { db: Queryable; campaignId: string; kind?: ResponseKind; afterId?: number; limit: number }): Promise<StoredResponse[]> {
  const { rows } = await options.db.query<{ id: string | number; record_id: string; kind: ResponseKind; data: Record<string, unknown>; created_at: Date | string }>(
    'select id, record_id, kind, data, created_at from responses where campaign_id = $1 and ($2::text is null or kind = $2) and id > $3 order by id limit $4',
    [options.campaignId, options.kind ?? null, options.afterId ?? 0, options.limit],
  );
  return rows.map((row) => ({ id: Number(row.id), recordId: row.record_id, kind: row.kind, data: row.data, createdAt: new Date(row.created_at).toISOString() }));
}
