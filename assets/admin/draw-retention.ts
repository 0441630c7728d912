import { svgEl } from '../shared/dom.ts';
import type { Analytics } from './admin-types.ts';

/** The retention curve in `chart`: viewers per second of the video watched. */
export function drawRetention(options: { chart: SVGSVGElement; retention: Analytics['retention'] }): void {
  const { chart, retention } = options;
  chart.replaceChildren();
  const width = 480;
  const height = 200;
  const left = 34;
  const bottom = 22;
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const seconds = retention.seconds;
  const top = Math.max(1, retention.viewers);
  chart.append(
    svgEl('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }),
    svgEl('line', { x1: left, y1: 0, x2: left, y2: height - bottom, class: 'axis' }),
    svgEl('text', { x: 0, y: 12 }, top),
    svgEl('text', { x: 0, y: height - bottom }, 0),
    svgEl('text', { x: width - 40, y: height - 4 }, `${seconds.length} s`),
  );
  if (seconds.length === 0) {
    chart.setAttribute('aria-label', 'Retention curve: no one has watched yet');
    chart.append(svgEl('text', { x: left + 10, y: 40 }, 'No one has watched yet'));
    return;
  }
  // The chart's name says what the curve shows: how many still watched at the start, the middle and the end.
  const at = (second: number) => `${seconds[second] ?? 0} at ${second + 1} s`;
  chart.setAttribute(
    'aria-label',
    `Retention curve over ${seconds.length} s, of ${retention.viewers} viewers: ${at(0)}, ${at(Math.floor((seconds.length - 1) / 2))}, ${at(seconds.length - 1)}`,
  );
  const step = (width - left) / seconds.length;
  const points = seconds.map((count, second) => {
    const x = left + step * (second + 0.5);
    const y = height - bottom - ((height - bottom - 6) * count) / top;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  chart.append(svgEl('polyline', { points: points.join(' '), class: 'curve', 'data-viewers': retention.viewers }));
}
