import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Gauge, type Registry } from 'prom-client';
import { describeFile } from '../describe-response.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { countRecipientsByStatus } from '../store/count-recipients-by-status.ts';
import type { Db } from '../store/db.ts';

/** GET /metrics for Prometheus: recipients by state (from the store), queue depth, and this process's render metrics. No personal data. */
export function metricsRoutes(options: {
  db: Db;
  runner: JobRunner | undefined;
  registry: Registry;
}): FastifyPluginAsyncZod {
  const schema = {
    tags: ['operations'],
    summary: 'Metrics for Prometheus (no personal data)',
    security: [],
    response: { 200: describeFile({ description: 'The Prometheus text format', type: 'text/plain' }) },
  };
  return async (app) => {
    const { db, runner, registry } = options;
    new Gauge({
      name: 'kindly_recipients',
      help: 'Recipients by state, all campaigns',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = await countRecipientsByStatus({ db });
        this.reset();
        for (const row of counts) this.set({ state: row.status }, row.count);
      },
    });
    new Gauge({
      name: 'kindly_queue_jobs',
      help: 'Render jobs in the queue by state',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        if (!runner) return;
        const depth = await runner.getDepth();
        for (const [state, count] of Object.entries(depth)) this.set({ state }, count);
      },
    });
    app.get('/metrics', { config: { access: 'public' }, schema }, async (_request, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  };
}
