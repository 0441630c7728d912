import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { serveWorkerMetrics } from '../server/jobs/serve-worker-metrics.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';

describe('serveWorkerMetrics', () => {
  it("answers Prometheus with the worker's own metrics on its port, and lets the port go on close", async () => {
    const registry = new Registry();
    new Counter({ name: 'kindly_test_renders_total', help: 'Renders', registers: [registry] }).inc(3);
    const port = await getFreePort();
    const served = await serveWorkerMetrics({ registry, port, host: '127.0.0.1' });
    try {
      for (const path of ['/metrics', '/']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(registry.contentType);
        expect(await response.text()).toContain('kindly_test_renders_total 3');
      }
    } finally {
      await served.close();
    }
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
