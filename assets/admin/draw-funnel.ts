import { svgEl } from '../shared/dom.ts';
import type { Funnel } from './admin-types.ts';

const steps = [
  ['issued', 'Links issued'],
  ['opened', 'Opened'],
  ['viewed', 'Viewed'],
  ['played', 'Played'],
  ['reached50', 'Watched 50 %'],
  ['completed', 'Completed'],
  ['clicked', 'Clicked'],
  ['planChosen', 'Plan chosen'],
  ['paid', 'Paid'],
] as const;

/** The funnel as horizontal bars in `chart`, one per step, scaled to the links issued. */
export function drawFunnel(options: { chart: SVGSVGElement; funnel: Funnel }): void {
  const { chart, funnel } = options;
  chart.replaceChildren();
  const width = 480;
  const row = 26;
  const label = 110;
  const height = steps.length * row + 6;
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const top = Math.max(1, funnel.issued);
  // The chart's name carries its numbers: a screen reader hears what the bars show.
  chart.setAttribute('aria-label', `Funnel: ${steps.map(([step, name]) => `${name} ${funnel[step] || 0}`).join(', ')}`);
  steps.forEach(([step, name], index) => {
    const value = funnel[step] || 0;
    const y = index * row + 3;
    const barWidth = Math.round(((width - label - 70) * value) / top);
    chart.append(
      svgEl('text', { x: 0, y: y + 15 }, name),
      svgEl('rect', {
        x: label,
        y,
        width: barWidth,
        height: row - 8,
        class: step === 'paid' ? 'bar paid' : 'bar',
        'data-step': step,
        'data-value': value,
      }),
      svgEl('text', { x: label + barWidth + 6, y: y + 15, 'data-label': step }, value),
    );
  });
}
