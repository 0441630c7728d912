import type { Queryable } from './db.ts';

/** A segment cache entry a recipient's render used; `personal`: it shows (or sounds) their own values. */
export type UsedSegment = { key: string; personal: boolean };

/** Remembers the segment cache keys a recipient's render used, so erasing them can remove their personal ones. */
export async function recordRecipientSegments(options: {
  db: Queryable;
  token: string;
  segments: readonly UsedSegment[];
}): Promise<void> {
  if (options.segments.length === 0) return;
  await options.db.query(
    `insert into recipient_segments (token, key, personal)
     select $1, key, personal from unnest($2::text[], $3::boolean[]) as used (key, personal)
     on conflict (token, key) do nothing`,
    [
      options.token,
      options.segments.map((segment) => segment.key),
      options.segments.map((segment) => segment.personal),
    ],
  );
}

/**
 * The personal segment keys of a recipient that no other recipient still needs: a debtor in two
 * campaigns with the same values shares their chunk, and it stays while the other one is not erased.
 */
export async function listErasableSegments(options: { db: Queryable; token: string }): Promise<string[]> {
  const { rows } = await options.db.query<{ key: string }>(
    `select used.key from recipient_segments used
     where used.token = $1 and used.personal
       and not exists (
         select 1 from recipient_segments other join recipients r on r.token = other.token
         where other.key = used.key and other.token <> used.token and r.erased_at is null
       )
     order by used.key`,
    [options.token],
  );
  return rows.map((row) => row.key);
}

/** Forgets which segments a recipient used (once they are erased). */
export async function forgetRecipientSegments(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query('delete from recipient_segments where token = $1', [options.token]);
}
