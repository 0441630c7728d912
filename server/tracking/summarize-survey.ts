import type { SurveyAnswerCount } from '../store/survey-answers.ts';

/** Net Promoter Score of 0–10 answers: promoters (9–10) minus detractors (0–6), in percent of all answers, −100 to 100. */
export type NetPromoterScore = { score: number; promoters: number; passives: number; detractors: number };

/**
 * What a survey's answers say: how many, the average, the count per score and, on the 0–10 scale,
 * the Net Promoter Score. `scale` is `mixed` when variants asked on different scales: then only
 * the count is meaningful, and each variant's summary has the rest.
 */
export type SurveySummary = {
  scale: string | null;
  responses: number;
  average: number | null;
  scores: Record<string, number>;
  nps: NetPromoterScore | null;
};

/** Sums counted answers (one per respondent) into a survey summary. */
export function summarizeSurvey(counts: readonly SurveyAnswerCount[]): SurveySummary {
  const scales = [...new Set(counts.map((count) => count.scale))];
  const responses = counts.reduce((sum, count) => sum + count.answers, 0);
  if (scales.length > 1) return { scale: 'mixed', responses, average: null, scores: {}, nps: null };
  const scores: Record<string, number> = {};
  let sum = 0;
  for (const count of counts) {
    scores[String(count.score)] = (scores[String(count.score)] ?? 0) + count.answers;
    sum += count.score * count.answers;
  }
  const scale = scales[0] ?? null;
  return {
    scale,
    responses,
    average: responses > 0 ? Math.round((sum / responses) * 100) / 100 : null,
    scores,
    nps: scale === '0-10' && responses > 0 ? computeNps(counts, responses) : null,
  };
}

function computeNps(counts: readonly SurveyAnswerCount[], responses: number): NetPromoterScore {
  const tally = (test: (score: number) => boolean) =>
    counts.filter((count) => test(count.score)).reduce((sum, count) => sum + count.answers, 0);
  const promoters = tally((score) => score >= 9);
  const detractors = tally((score) => score <= 6);
  return {
    score: Math.round(((promoters - detractors) / responses) * 100),
    promoters,
    passives: responses - promoters - detractors,
    detractors,
  };
}
