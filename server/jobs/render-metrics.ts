import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RenderJobOutcome } from './run-render-job.ts';

/** Render metrics of one process (API with the in-process runner, or a worker). */
export type RenderMetrics = {
  registry: Registry;
  observe: (options: { outcome: RenderJobOutcome; seconds: number }) => void;
};

export function makeRenderMetrics(): RenderMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kindly_' });
  const seconds = new Histogram({
    name: 'kindly_render_seconds',
    help: 'Wall seconds to render and publish one recipient',
    buckets: [2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 300],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'kindly_render_jobs_total',
    help: 'Render jobs by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return {
    registry,
    observe: ({ outcome, seconds: taken }) => {
      if (outcome.kind === 'skipped') return jobs.inc({ outcome: 'skipped' });
      jobs.inc({ outcome: outcome.state.status });
      if (outcome.state.status === 'published') seconds.observe(taken);
    },
  };
}
