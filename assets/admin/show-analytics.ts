import { byId, el } from '../shared/dom.ts';
import type { Analytics, CurrencyTotal, SurveySummary } from './admin-types.ts';
import { drawFunnel } from './draw-funnel.ts';
import { drawRetention } from './draw-retention.ts';

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** A cell's text: numbers as written, nothing for a missing value. */
export function cellText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Replaces the rows of table #id with `rows`, every cell as text. */
export function fillTable(options: { id: string; rows: unknown[][] }): void {
  const body = byId<HTMLTableElement>(options.id).tBodies[0];
  body?.replaceChildren(
    ...options.rows.map((cells) => el('tr', {}, ...cells.map((cell) => el('td', {}, cellText(cell))))),
  );
}

// Money: one line per currency, as the API formatted it (amounts of different currencies never add up).
function recoveredRows(amounts: CurrencyTotal[]): string[][] {
  if (amounts.length === 0) return [['Recovered', 'Nothing owed.']];
  return amounts.map((total) => [
    `Recovered (${total.currency})`,
    `${total.paidText} of ${total.owedText} (${percent(total.recoveryRate)})`,
  ]);
}

function describeRecovered(amounts: CurrencyTotal[]): string {
  return amounts.map((total) => `${total.paidText} of ${total.owedText}`).join(' · ') || '–';
}

// Survey: answers, average and per score; on a 0–10 scale the Net Promoter Score with its counts.
function describeSurvey(survey: SurveySummary | undefined): string {
  if (!survey || survey.responses === 0) return 'No answers yet.';
  if (survey.scale === 'mixed') return `${survey.responses} answers on different scales; see each variant.`;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const scores = Object.entries(survey.scores).map(([score, answers]) => `${score}: ${answers}`);
  let text = `${count(survey.responses, 'answer')}, average score ${survey.average} (${scores.join(', ')})`;
  const nps = survey.nps;
  if (nps) {
    const counts = [
      count(nps.promoters, 'promoter'),
      count(nps.passives, 'passive'),
      count(nps.detractors, 'detractor'),
    ];
    text += `; Net Promoter Score ${nps.score > 0 ? '+' : ''}${nps.score} (${counts.join(', ')})`;
  }
  return text;
}

/**
 * A campaign's analytics on the dashboard: funnel and retention charts, conversions and money,
 * variants with their verdicts, survey, flagged traffic. Returns a status line to show, if any.
 */
export function showAnalytics(options: { analytics: Analytics }): string | undefined {
  const { analytics } = options;
  const funnel = analytics.funnel;
  drawFunnel({ chart: byId<SVGSVGElement>('funnel-chart'), funnel });
  drawRetention({ chart: byId<SVGSVGElement>('retention-chart'), retention: analytics.retention });
  const conversions: unknown[][] = [
    ['Paid', `${funnel.paid} of ${funnel.issued} (${percent(funnel.recoveryRate)})`],
    ...recoveredRows(analytics.amounts ?? []),
    ['Viewers with watch data', analytics.retention.viewers],
  ];
  byId('conversions').replaceChildren(
    ...conversions.flatMap(([term, value]) => [el('dt', {}, cellText(term)), el('dd', {}, cellText(value))]),
  );
  fillTable({
    id: 'variants',
    rows: analytics.variants.map((variant) => {
      const f = variant.funnel;
      return [
        variant.id,
        variant.template,
        f.issued,
        f.viewed,
        f.clicked,
        `${f.paid} (${percent(f.recoveryRate)})`,
        describeRecovered(variant.amounts ?? []),
        describeSurvey(variant.survey),
      ];
    }),
  });
  const verdicts = byId('verdicts');
  verdicts.replaceChildren(
    ...analytics.comparisons.map((comparison) =>
      el('li', { class: comparison.significant ? 'significant' : undefined }, comparison.verdict),
    ),
  );
  if (analytics.variants.length === 0) verdicts.append(el('li', {}, 'This campaign has no A/B variants.'));
  byId('survey').textContent = describeSurvey(analytics.survey);
  const flagged = Object.entries(analytics.flagged).flatMap(([reason, types]) =>
    Object.entries(types).map(([type, count]) => `${reason} ${type}: ${count}`),
  );
  byId('flagged').textContent = flagged.length === 0 ? 'Nothing.' : flagged.join(' · ');
  if (analytics.expiredAt)
    return `Personal event data deleted on ${analytics.expiredAt.slice(0, 10)}; these are the kept aggregates.`;
  return undefined;
}
