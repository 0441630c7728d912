import type { FastifyInstance } from 'fastify';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Db } from '../store/db.ts';
import { pingStore } from '../store/ping-store.ts';

/** /healthz: the process answers. /readyz: the store (and the queue, when there is one) answer too. */
export function healthRoutes(options: { db: Db; runner: JobRunner | undefined }) {
  return async function register(app: FastifyInstance) {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
    app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
      try {
        await pingStore({ db: options.db });
        await options.runner?.getDepth();
        return { ok: true };
      } catch {
        return reply.code(503).send({ ok: false, error: 'A dependency is not answering', fix: 'Check the database and Redis' });
      }
    });
  };
}
