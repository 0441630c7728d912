import type { Queryable } from './db.ts';

/** How many recipients gave a score on a scale, in one variant (`''` without an A/B test). */
export type SurveyAnswerCount = { variant: string; scale: string; score: number; answers: number };

/**
 * A campaign's survey answers, counted from the responses table (where the survey route stores
 * them): each recipient's latest answer once, so a debtor who answers twice is one respondent.
 */
export async function countSurveyAnswers(options: { db: Queryable; campaignId: string }): Promise<SurveyAnswerCount[]> {
  const { rows } = await options.db.query<{
    variant: string;
    scale: string;
    score: string | number;
    answers: string | number;
  }>(
    `with latest as (
       select distinct on (record_id) record_id, data from responses
       where campaign_id = $1 and kind = 'survey' and jsonb_typeof(data -> 'score') = 'number'
       order by record_id, id desc
     )
     select coalesce(r.variant, '') as variant, coalesce(latest.data ->> 'scale', '') as scale, (latest.data ->> 'score')::int as score, count(*) as answers
     from latest left join recipients r on r.campaign_id = $1 and r.record_id = latest.record_id
     group by 1, 2, 3 order by 1, 2, 3`,
    [options.campaignId],
  );
  return rows.map((row) => ({
    variant: row.variant,
    scale: row.scale,
    score: Number(row.score),
    answers: Number(row.answers),
  }));
}
