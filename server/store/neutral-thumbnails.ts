import type { Queryable } from './db.ts';

/** Which neutral e-mail thumbnail a campaign's recipients of a locale and tone get. */
export type NeutralThumbnailKey = { campaignId: string; locale: string; tone: string | undefined };

/** Stores the site path of a campaign's neutral thumbnail for a locale and tone (the latest wins: the same look gives the same path). */
export async function recordNeutralThumbnail(
  options: NeutralThumbnailKey & { db: Queryable; path: string },
): Promise<void> {
  await options.db.query(
    'insert into neutral_thumbnails (campaign_id, locale, tone, path) values ($1, $2, $3, $4) on conflict (campaign_id, locale, tone) do update set path = excluded.path',
    [options.campaignId, options.locale, options.tone ?? '', options.path],
  );
}

/** A campaign's neutral thumbnails: a function giving the site path for a locale and tone, if there is one. */
export async function findNeutralThumbnails(options: {
  db: Queryable;
  campaignId: string;
}): Promise<(key: { locale: string; tone: string | undefined }) => string | undefined> {
  const { rows } = await options.db.query<{ locale: string; tone: string; path: string }>(
    'select locale, tone, path from neutral_thumbnails where campaign_id = $1',
    [options.campaignId],
  );
  const paths = new Map(rows.map((row) => [`${row.locale}\u0000${row.tone}`, row.path]));
  return ({ locale, tone }) => paths.get(`${locale}\u0000${tone ?? ''}`);
}
